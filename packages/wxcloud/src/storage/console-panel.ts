/**
 * The console's Storage tab: every stored file with its owner (masked as the mini-program masks
 * an openid), size, type and upload time, a preview for images and a short-lived link to open it.
 */
import { maskOpenid } from '../console/mask';
import type { PanelCell, PanelContent } from '../console/api-types';
import { pageOf, type ConsolePanel, type PanelRequest } from '../console/panel-contract';
import type { CloudStorage } from './storage';

/** How long the console's preview and open links stay valid. */
const PREVIEW_MAX_AGE_SECONDS = 600;
const IMAGE_EXTENSION = /\.(png|jpe?g|gif|webp|bmp)$/i;

export function storageConsolePanel(storage: CloudStorage): ConsolePanel {
  return {
    id: 'storage',
    title: { zh: '云存储', en: 'Storage' },
    content: (request) => storageContent(storage, request),
  };
}

function storageContent(storage: CloudStorage, request: PanelRequest): PanelContent {
  const all = storage.list();
  const { rows: files, page } = pageOf(all, request);
  const urls = files.length
    ? storage.temporaryUrls(
        { kind: 'admin' },
        files.map((file) => ({ fileID: file.fileID, maxAge: PREVIEW_MAX_AGE_SECONDS })),
      )
    : [];
  const rows = files.map((file, index): Record<string, PanelCell> => {
    const url = urls[index]?.tempFileURL ?? '';
    const image = url && (file.contentType.startsWith('image/') || IMAGE_EXTENSION.test(file.cloudPath));
    return {
      preview: image ? { image: url, alt: file.cloudPath } : null,
      path: url ? { link: url, text: file.cloudPath } : file.cloudPath,
      owner: file.openid ? maskOpenid(file.openid) : '云函数 / function',
      size: formatSize(file.size),
      type: file.contentType,
      uploadedAt: { time: file.uploadedAt },
    };
  });
  return {
    blocks: [
      {
        kind: 'text',
        text: {
          zh: `${all.length} 个文件。手机上传的文件只有上传者本人能读写；云函数和控制台可以读写全部文件。`,
          en:
            `${all.length} file(s). ` +
            `A file a phone uploaded is readable and writable by its uploader only; ` +
            `functions and the console reach every file.`,
        },
      },
      {
        kind: 'table',
        columns: [
          { key: 'preview', title: { zh: '预览', en: 'Preview' } },
          { key: 'path', title: { zh: '云端路径', en: 'Cloud path' } },
          { key: 'owner', title: { zh: '上传者', en: 'Owner' } },
          { key: 'size', title: { zh: '大小', en: 'Size' } },
          { key: 'type', title: { zh: '类型', en: 'Type' } },
          { key: 'uploadedAt', title: { zh: '上传时间', en: 'Uploaded at' } },
        ],
        rows,
        page,
      },
    ],
  };
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
