/**
 * FileStorage through wx-server-sdk: existence from getTempFileURL's per-file status, removal with
 * deleteFile. A failure of the request itself is transient (StoreError), so the caller may retry.
 */
import type cloud from 'wx-server-sdk';
import { describeError } from '../kit/database-errors';
import { StoreError } from '../kit/store-error';
import type { FileStorage } from './file-storage';

const FILE_NOT_EXIST = -503003;

interface FileStatus {
  fileID: string;
  status: number;
  errMsg?: string;
}

export function createCloudFileStorage(sdk: typeof cloud): FileStorage {
  return {
    exists: async (fileId) => {
      const [file] = await request(
        () => sdk.getTempFileURL({ fileList: [fileId] }) as Promise<{ fileList: FileStatus[] }>,
      );
      if (!file || file.status === FILE_NOT_EXIST) return false;
      if (file.status !== 0)
        throw new StoreError('fatal', `getTempFileURL ${fileId}: ${file.status} ${file.errMsg ?? ''}`);
      return true;
    },
    remove: async (fileIds) => {
      if (fileIds.length === 0) return 0;
      const files = await request(() => sdk.deleteFile({ fileList: fileIds }) as Promise<{ fileList: FileStatus[] }>);
      const failed = files.filter((file) => file.status !== 0 && file.status !== FILE_NOT_EXIST);
      if (failed.length)
        throw new StoreError(
          'transient',
          `deleteFile: ${failed.map((file) => `${file.fileID} ${file.status}`).join(', ')}`,
        );
      return files.filter((file) => file.status === 0).length;
    },
  };
}

async function request(run: () => Promise<{ fileList: FileStatus[] }>): Promise<FileStatus[]> {
  try {
    return (await run()).fileList ?? [];
  } catch (error) {
    throw new StoreError('transient', describeError(error));
  }
}
