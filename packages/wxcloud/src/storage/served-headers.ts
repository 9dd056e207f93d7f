/**
 * The headers of a file served from a temporary URL. Files come from users, and the temporary URL
 * is on the emulator's own origin, the one the console's API trusts: nothing stored may run there.
 * Only raster images are shown inline; everything else (HTML, SVG, scripts, any type a phone
 * names) is a download. Every answer says nosniff and carries a sandboxing CSP, so even a file a
 * browser did render would have no origin and no script.
 */

/** Types a browser only ever paints: shown inline (the console's previews, `<image>` in a page). */
const INLINE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/bmp', 'image/avif']);
/** A media type as RFC 9110 spells one, parameters allowed; anything else is served as bytes. */
const MEDIA_TYPE =
  /^[!#$%&'*+.^`|~\w-]+\/[!#$%&'*+.^`|~\w-]+(\s*;\s*[!#$%&'*+.^`|~\w-]+=("[^"\\\r\n]*"|[!#$%&'*+.^`|~\w-]+))*$/;

export const SANDBOX_CSP = "default-src 'none'; sandbox";

/** The stored content type if it is a well-formed media type, else `application/octet-stream`. */
export function safeContentType(contentType: string): string {
  return contentType.length <= 200 && MEDIA_TYPE.test(contentType.trim())
    ? contentType.trim()
    : 'application/octet-stream';
}

export function servedFileHeaders(cloudPath: string, contentType: string, size: number): Record<string, string> {
  const type = safeContentType(contentType);
  const essence = type.split(';')[0]!.trim().toLowerCase();
  const name = cloudPath.slice(cloudPath.lastIndexOf('/') + 1);
  return {
    'content-type': type,
    'content-length': String(size),
    'content-disposition': INLINE_TYPES.has(essence)
      ? 'inline'
      : `attachment; filename*=UTF-8''${encodeFilename(name)}`,
    'x-content-type-options': 'nosniff',
    'content-security-policy': SANDBOX_CSP,
    'cache-control': 'private, no-store',
  };
}

/** RFC 5987 value-chars: encodeURIComponent leaves `'()*` alone, which the grammar does not allow. */
function encodeFilename(name: string): string {
  return encodeURIComponent(name.replace(/\p{Cs}/gu, '\uFFFD')).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}
