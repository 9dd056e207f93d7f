/**
 * wx.cloud.uploadFile / getTempFileURL / deleteFile / downloadFile for a simulated phone: sent to
 * the emulator's `POST /client/storage` as this phone's user, where the default permission decides.
 * A `filePath` is one of the phone's temporary files (what chooseAvatar gives), read from `tempFiles`.
 */
import { answer, type Callbacks } from './answer';
import type { SimulatedUser } from './wx-cloud-client';

export type TempFiles = Map<string, { bytes: Uint8Array; contentType: string }>;

export function createCloudStorage(baseUrl: string, user: () => SimulatedUser, tempFiles: TempFiles) {
  const send = async (api: string, body: Record<string, unknown>) => {
    let response: Response;
    try {
      response = await fetch(`${baseUrl}/client/storage`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...body, wxContext: user() }),
      });
    } catch (error) {
      throw { errCode: -1, errMsg: `cloud.${api}:fail request:fail ${(error as Error).message}` };
    }
    const answer = (await response.json()) as Record<string, unknown>;
    if (response.status !== 200) throw answer;
    return answer;
  };
  const styled =
    <O extends Callbacks>(run: (options: O) => Promise<unknown>) =>
    (options: O) =>
      answer(options, () => run(options));
  return {
    uploadFile: styled(async (options: { cloudPath: string; filePath: string } & Callbacks) => {
      const file = tempFiles.get(options.filePath);
      if (!file) throw { errCode: -1, errMsg: `cloud.uploadFile:fail file not found: ${options.filePath}` };
      return send('uploadFile', {
        op: 'uploadFile',
        cloudPath: options.cloudPath,
        contentBase64: Buffer.from(file.bytes).toString('base64'),
        contentType: file.contentType,
      });
    }),
    getTempFileURL: styled(
      async (options: { fileList: (string | { fileID: string; maxAge?: number })[] } & Callbacks) =>
        send('getTempFileURL', {
          op: 'getTempFileURL',
          fileList: options.fileList.map((item) => (typeof item === 'string' ? { fileID: item } : item)),
        }),
    ),
    deleteFile: styled(async (options: { fileList: string[] } & Callbacks) =>
      send('deleteFile', { op: 'deleteFile', fileList: options.fileList }),
    ),
    downloadFile: styled(async (options: { fileID: string } & Callbacks) => {
      const answer = await send('downloadFile', { op: 'downloadFile', fileID: options.fileID });
      const tempFilePath = `wxfile://tmp_download_${tempFiles.size + 1}`;
      tempFiles.set(tempFilePath, {
        bytes: Buffer.from(String(answer.contentBase64), 'base64'),
        contentType: 'application/octet-stream',
      });
      return { tempFilePath, statusCode: 200, errMsg: 'downloadFile:ok' };
    }),
  };
}
