/**
 * Mini-program codes as PNG bytes. The sun code (小程序码) is WeChat's own format, which nothing
 * outside WeChat reads; a standard QR code from the `qrcode` library carrying the same information
 * stands in for it, so a test (or a phone's camera) can decode what page and scene it opens.
 * The content is a `wxcloud://wxacode?…` URL: appid, path (with its query), scene, env_version.
 */
import QRCode from 'qrcode';

export const CODE_URL_PREFIX = 'wxcloud://wxacode?';

export interface CodeContent {
  appid: string;
  /** Page, with a query for wxacode.get / createQRCode. */
  path: string;
  /** wxacode.getUnlimited's scene. */
  scene?: string;
  envVersion: string;
}

export function codeUrl(content: CodeContent): string {
  const params = new URLSearchParams({ appid: content.appid, path: content.path, env_version: content.envVersion });
  if (content.scene !== undefined) params.set('scene', content.scene);
  return `${CODE_URL_PREFIX}${params}`;
}

/** WeChat's widths are 280–1280 px (default 430); the QR code is drawn at that width. */
export async function codePng(content: CodeContent, width: unknown): Promise<Uint8Array> {
  const pixels =
    typeof width === 'number' && Number.isFinite(width) ? Math.min(1280, Math.max(280, Math.round(width))) : 430;
  return QRCode.toBuffer(codeUrl(content), { type: 'png', width: pixels, margin: 2, errorCorrectionLevel: 'M' });
}
