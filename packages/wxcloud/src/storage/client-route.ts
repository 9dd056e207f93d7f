/**
 * `POST /client/storage`: the storage calls of a simulated phone's `wx.cloud`, as its user, under
 * the default permission (only a file's creator reads, overwrites and deletes it). JSON only: an
 * upload carries its bytes in base64.
 *
 * Request: { wxContext: { OPENID, APPID }, op: 'uploadFile', cloudPath, contentBase64, contentType? }
 *        | { wxContext, op: 'getTempFileURL', fileList: [{ fileID, maxAge? }] }
 *        | { wxContext, op: 'deleteFile', fileList: [fileID] }
 *        | { wxContext, op: 'downloadFile', fileID }
 * Answer: 200 with what the mini-program's success callback gets, or 4xx { errCode, errMsg }.
 */
import { z } from 'zod';
import { formatZodError } from '../zod-messages';
import { WxContextSchema } from '../clients/wx-context';
import { CLIENT_ERROR_CODES } from '../host/errors';
import type { EmulatorApp } from '../host/server';
import { MAX_FILE_BYTES, type CloudStorage, type FileResult, type StorageActor } from './storage';

const Context = WxContextSchema;
const ClientStorageRequest = z.discriminatedUnion('op', [
  z
    .object({
      wxContext: Context,
      op: z.literal('uploadFile'),
      cloudPath: z.string(),
      contentBase64: z.string(),
      contentType: z.string().max(200).optional(),
    })
    .strict(),
  z
    .object({
      wxContext: Context,
      op: z.literal('getTempFileURL'),
      fileList: z
        .array(z.object({ fileID: z.string().min(1), maxAge: z.number().int().positive().optional() }))
        .min(1)
        .max(50),
    })
    .strict(),
  z
    .object({ wxContext: Context, op: z.literal('deleteFile'), fileList: z.array(z.string().min(1)).min(1).max(50) })
    .strict(),
  z.object({ wxContext: Context, op: z.literal('downloadFile'), fileID: z.string().min(1) }).strict(),
]);
type Request = z.infer<typeof ClientStorageRequest>;

const CODES: Record<FileResult['code'], number> = {
  SUCCESS: 0,
  STORAGE_FILE_NONEXIST: CLIENT_ERROR_CODES.STORAGE_FILE_NONEXIST,
  STORAGE_EXCEED_AUTHORITY: CLIENT_ERROR_CODES.STORAGE_EXCEED_AUTHORITY,
  INVALID_PARAM: CLIENT_ERROR_CODES.INVALID_PARAM,
};
const MESSAGES: Record<FileResult['code'], string> = {
  SUCCESS: 'ok',
  STORAGE_FILE_NONEXIST: 'storage file not exists',
  STORAGE_EXCEED_AUTHORITY: 'storage exceed authority',
  INVALID_PARAM: 'invalid param',
};

/** Largest body of `POST /client/storage`: the largest file in base64, plus the rest of the request. */
export const MAX_CLIENT_STORAGE_BODY_BYTES = Math.ceil((MAX_FILE_BYTES * 4) / 3) + 64 * 1024;

/** Host, Origin, content type and body size are checked by the host's guard (the service's bodyLimits). */
export function registerClientStorage(app: EmulatorApp, storage: CloudStorage): void {
  app.post('/client/storage', async (c) => {
    const parsed = ClientStorageRequest.safeParse(await c.req.json().catch(() => undefined));
    if (!parsed.success)
      return c.json(
        fail('storage', CLIENT_ERROR_CODES.INVALID_PARAM, `invalid parameters: ${formatZodError(parsed.error)}`),
        400,
      );
    const answer = handle(parsed.data, storage);
    return c.json(answer.body, answer.status);
  });
}

function fail(api: string, errCode: number, message: string) {
  return { errCode, errMsg: `${api}:fail ${errCode} ${message}` };
}

function handle(
  request: Request,
  storage: CloudStorage,
): { status: 200 | 400 | 403 | 404; body: Record<string, unknown> } {
  const actor: StorageActor = { kind: 'user', openid: request.wxContext.OPENID };
  switch (request.op) {
    case 'uploadFile': {
      const result = storage.uploadAs(
        actor,
        request.cloudPath,
        Buffer.from(request.contentBase64, 'base64'),
        request.contentType ?? 'application/octet-stream',
      );
      if ('problem' in result)
        return { status: 400, body: fail('uploadFile', CLIENT_ERROR_CODES.STORAGE_REQUEST_FAIL, result.problem) };
      if (result.code !== 'SUCCESS') return failure('uploadFile', result);
      return { status: 200, body: { fileID: result.fileID, statusCode: 200, errMsg: 'cloud.uploadFile:ok' } };
    }
    case 'getTempFileURL': {
      const fileList = storage.temporaryUrls(actor, request.fileList).map((item) => ({
        fileID: item.fileID,
        tempFileURL: item.tempFileURL,
        maxAge: item.maxAge,
        status: CODES[item.code],
        errMsg: MESSAGES[item.code],
      }));
      return { status: 200, body: { fileList, errMsg: 'cloud.getTempFileURL:ok' } };
    }
    case 'deleteFile': {
      const fileList = storage
        .remove(actor, request.fileList)
        .map((item) => ({ fileID: item.fileID, status: CODES[item.code], errMsg: MESSAGES[item.code] }));
      return { status: 200, body: { fileList, errMsg: 'cloud.deleteFile:ok' } };
    }
    case 'downloadFile': {
      const { result, bytes } = storage.read(actor, request.fileID);
      if (result.code !== 'SUCCESS' || !bytes) return failure('downloadFile', result);
      return {
        status: 200,
        body: {
          contentBase64: Buffer.from(bytes).toString('base64'),
          statusCode: 200,
          errMsg: 'cloud.downloadFile:ok',
        },
      };
    }
  }
}

function failure(api: string, result: FileResult): { status: 400 | 403 | 404; body: Record<string, unknown> } {
  const status = result.code === 'STORAGE_EXCEED_AUTHORITY' ? 403 : result.code === 'STORAGE_FILE_NONEXIST' ? 404 : 400;
  return { status, body: fail(`cloud.${api}`, CODES[result.code], MESSAGES[result.code]) };
}
