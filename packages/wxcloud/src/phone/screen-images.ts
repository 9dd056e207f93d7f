/**
 * The pictures of a phone's screen, for the console's frame. An `<image src>` on a phone is a URL, a
 * `data:` URL, a temporary file (`wxfile://…`, what chooseAvatar gives), a cloud fileID (`cloud://…`)
 * or a file of the mini-program's package (`/images/logo.png`, or relative to the page). The console
 * loads URLs as they are, except on the local cloud's own origin, where only the storage's temporary
 * URLs are loaded (they serve files safely); the rest come through the console's
 * `GET phones/:id/image?src=`, which answers only bytes that are a raster image (sniffed, never
 * trusted from a name or a declared type): nothing a phone holds runs on the console's origin.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { TempFiles } from './wx-cloud-storage';

/** The largest package image the console reads (bytes). */
const MAX_PACKAGE_IMAGE_BYTES = 10 * 1024 * 1024;
const STORAGE_FILES_PATH = '/storage/files/';

/** The raster type of `bytes` from their first bytes (PNG, JPEG, GIF, WebP), or undefined. */
export function sniffImageType(bytes: Uint8Array): string | undefined {
  const ascii = (start: number, end: number) => String.fromCharCode(...bytes.subarray(start, end));
  if (bytes[0] === 0x89 && ascii(1, 8) === 'PNG\r\n\x1a\n') return 'image/png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (ascii(0, 6) === 'GIF87a' || ascii(0, 6) === 'GIF89a') return 'image/gif';
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  return undefined;
}

/** The URL the console's frame loads `src` from, for phone `phoneId` of the local cloud at `baseUrl`. */
export function screenImageUrl(phoneId: string, baseUrl: string): (src: string) => string | undefined {
  const own = new URL(baseUrl).host;
  return (src) => {
    const value = src.trim();
    if (/^data:image\/(png|jpeg|gif|webp);base64,[a-z0-9+/=]+$/i.test(value)) return value;
    if (/^https?:\/\//i.test(value)) {
      let url: URL;
      try {
        url = new URL(value);
      } catch {
        return undefined;
      }
      if (url.host !== own) return url.href;
      return url.pathname.startsWith(STORAGE_FILES_PATH) ? `${url.pathname}${url.search}` : undefined;
    }
    if (/^[a-z][a-z0-9+.-]*:/i.test(value) && !/^(wxfile|cloud):\/\//i.test(value)) return undefined;
    return `/console/api/phones/${encodeURIComponent(phoneId)}/image?src=${encodeURIComponent(value)}`;
  };
}

export interface ScreenImageSources {
  tempFiles: TempFiles;
  /** A cloud file's bytes as the phone's user may read them, or undefined. */
  readCloudFile(fileId: string): Uint8Array | undefined;
  miniprogramRoot: string;
  /** The route of the page showing the image (a relative `src` is relative to it). */
  route: string;
}

/** The picture `src` names, when it is a raster image the phone can reach; else undefined. */
export function screenImage(
  src: string,
  sources: ScreenImageSources,
): { bytes: Uint8Array; contentType: string } | undefined {
  const bytes = src.startsWith('wxfile://')
    ? sources.tempFiles.get(src)?.bytes
    : src.startsWith('cloud://')
      ? sources.readCloudFile(src)
      : packageFile(src, sources);
  const contentType = bytes ? sniffImageType(bytes) : undefined;
  return bytes && contentType ? { bytes, contentType } : undefined;
}

/** A file inside the mini-program's package: `/x` from its root, anything else from the page's folder. */
function packageFile(src: string, sources: ScreenImageSources): Uint8Array | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(src) || src.includes('\0')) return undefined;
  const root = path.resolve(sources.miniprogramRoot);
  const file = src.startsWith('/')
    ? path.resolve(root, `.${src}`)
    : path.resolve(root, path.dirname(sources.route), src);
  const inside = path.relative(root, file);
  if (!inside || inside.startsWith('..') || path.isAbsolute(inside)) return undefined;
  if (!existsSync(file)) return undefined;
  const stat = statSync(file);
  return stat.isFile() && stat.size <= MAX_PACKAGE_IMAGE_BYTES ? readFileSync(file) : undefined;
}
