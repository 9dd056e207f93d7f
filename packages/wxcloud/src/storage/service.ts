/**
 * Cloud storage as an emulated service, over CloudStorage (storage.ts):
 * - `/admin` actions node-sdk sends (its dist/storage): `storage.getUploadMetadata`,
 *   `storage.batchGetDownloadUrl`, `storage.batchDeleteFile`; the upload itself is a PUT of the
 *   raw bytes to the URL the metadata names (a form POST from node-sdk before 3.0, form-upload.ts),
 *   answered like COS (empty body, or an XML <Error>);
 * - `GET /storage/files/<cloudPath>?t&sign`: a temporary URL;
 * - `POST /client/storage`: what `wx.cloud.uploadFile` / `getTempFileURL` / `deleteFile` /
 *   `downloadFile` of a simulated phone send, under the default permission (client-route.ts).
 * The console's Storage tab lists the files (console-panel.ts).
 * Files are durable under `<dataDir>/storage/` (in memory without a data directory).
 */
import path from 'node:path';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { defineAction } from '../host/actions';
import { invalidParam } from '../host/errors';
import type { EmulatorApp } from '../host/server';
import type { EmulatorService, ServiceFactory } from '../host/service';
import { MAX_CLIENT_STORAGE_BODY_BYTES, registerClientStorage } from './client-route';
import { storageConsolePanel } from './console-panel';
import { directoryFileStore, memoryFileStore } from './file-store';
import { fileFromForm } from './form-upload';
import { servedFileHeaders } from './served-headers';
import { CloudStorage, MAX_FILE_BYTES, type FileResult } from './storage';

export const STORAGE_SERVICE = 'storage';

export interface StorageService extends EmulatorService {
  readonly storage: CloudStorage;
}

const ADMIN = { kind: 'admin' } as const;
const fileIdList = z.array(z.string().min(1).max(2000)).min(1).max(50);

export function storageService(options: { now?: () => number } = {}): ServiceFactory<StorageService> {
  return (host) => {
    const files = host.dataDir ? directoryFileStore(path.join(host.dataDir, 'storage')) : memoryFileStore();
    const storage = new CloudStorage(files, host.envId, host.baseUrl, options.now);
    return {
      name: STORAGE_SERVICE,
      storage,
      actions: {
        'storage.getUploadMetadata': defineAction({
          schema: z.object({ path: z.string() }),
          handle: (params) => {
            const ticket = storage.uploadTicket(params.path);
            if ('problem' in ticket) throw invalidParam(ticket.problem);
            const { url, token, fileId, cosFileId } = ticket;
            return { data: { url, token, authorization: token, fileId, cosFileId, download_url: '' } };
          },
        }),
        'storage.batchGetDownloadUrl': defineAction({
          schema: z.object({
            file_list: z
              .array(z.object({ fileid: z.string().min(1).max(2000), max_age: z.number().int().positive().optional() }))
              .min(1)
              .max(50),
          }),
          handle: (params) => ({
            data: {
              download_list: storage.temporaryUrls(
                ADMIN,
                params.file_list.map((file) => ({ fileID: file.fileid, maxAge: file.max_age })),
              ),
            },
          }),
        }),
        'storage.batchDeleteFile': defineAction({
          schema: z.object({ fileid_list: fileIdList }),
          handle: (params) => ({
            data: { delete_list: storage.remove(ADMIN, params.fileid_list).map(withoutSuccessCode) },
          }),
        }),
      },
      // The guard's limit on uploads sits just above the route's own, which answers in COS's XML.
      bodyLimits: { '/client/storage': MAX_CLIENT_STORAGE_BODY_BYTES, '/storage/upload/': MAX_FILE_BYTES + 64 * 1024 },
      // node-sdk PUTs a file's raw bytes with no content type at all.
      bodyTypes: { '/storage/upload/': ['*'] },
      routes: (app) => {
        registerUploadAndDownload(app, storage);
        registerClientStorage(app, storage);
      },
      consolePanels: [storageConsolePanel(storage)],
      reset: () => storage.clear(),
    };
  };
}

/** node-sdk treats any `code` on a deleted file as a failure: a success carries none. */
function withoutSuccessCode(result: FileResult): { fileID: string; code?: string } {
  return result.code === 'SUCCESS' ? { fileID: result.fileID } : result;
}

function cosError(code: string, message: string): string {
  return (
    `<?xml version='1.0' encoding='utf-8' ?>\n<Error><Code>${code}</Code><Message>${message}</Message>` +
    '<RequestId>emulator</RequestId><TraceId>emulator</TraceId></Error>'
  );
}

function decodedPath(encoded: string): string | undefined {
  try {
    return decodeURIComponent(encoded);
  } catch {
    return undefined;
  }
}

function registerUploadAndDownload(app: EmulatorApp, storage: CloudStorage): void {
  const tooLarge = bodyLimit({
    maxSize: MAX_FILE_BYTES,
    onError: (c) =>
      c.body(cosError('EntityTooLarge', `file exceeds ${MAX_FILE_BYTES} bytes`), 400, {
        'content-type': 'application/xml',
      }),
  });
  app.put('/storage/upload/:token', tooLarge, async (c) => {
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    const accepted = storage.acceptUpload(
      c.req.param('token'),
      bytes,
      c.req.header('content-type') ?? 'application/octet-stream',
    );
    if (!accepted.ok)
      return c.body(cosError(accepted.code, accepted.message), accepted.status as 400, {
        'content-type': 'application/xml',
      });
    return c.body('', 200);
  });
  // node-sdk before 3.0 posts a form, as to COS's POST Object, which answers 204 with no body.
  app.post('/storage/upload/:token', tooLarge, async (c) => {
    const file = fileFromForm(new Uint8Array(await c.req.arrayBuffer()), c.req.header('content-type') ?? '');
    if (!file)
      return c.body(cosError('InvalidArgument', 'the form has no file part'), 400, {
        'content-type': 'application/xml',
      });
    const accepted = storage.acceptUpload(c.req.param('token'), file.bytes, file.contentType);
    if (!accepted.ok)
      return c.body(cosError(accepted.code, accepted.message), accepted.status as 400, {
        'content-type': 'application/xml',
      });
    return c.body(null, 204);
  });
  app.get('/storage/files/*', (c) => {
    const cloudPath = decodedPath(new URL(c.req.url).pathname.slice('/storage/files/'.length));
    if (cloudPath === undefined)
      return c.body(cosError('InvalidURI', 'the path of the URL is not valid percent-encoded UTF-8'), 400, {
        'content-type': 'application/xml',
      });
    const file = storage.readSigned(cloudPath, Number(c.req.query('t')), c.req.query('sign') ?? '');
    if (!file)
      return c.body(cosError('AccessDenied', 'the URL is invalid or has expired'), 403, {
        'content-type': 'application/xml',
      });
    return new Response(file.bytes, {
      status: 200,
      headers: servedFileHeaders(cloudPath, file.contentType, file.bytes.byteLength),
    });
  });
}
