/**
 * Mini-program codes and links, each on both wires:
 * - wxacode.getUnlimited / wxa/getwxacodeunlimit (page + scene ≤ 32 characters, 40169; an unknown
 *   page 41030 unless check_path is false), wxacode.get / wxa/getwxacode and wxacode.createQRCode /
 *   cgi-bin/wxaapp/createwxaqrcode (path with query ≤ 128 bytes, 40159): PNG bytes (qr.ts);
 * - urlscheme.generate / wxa/generatescheme and urllink.generate / wxa/generate_urllink: a scheme or
 *   link the simulated phone opens (links.ts); an unknown page 40165, a long query 40212.
 */
import { randomUUID } from 'node:crypto';
import { BINARY_ANSWER, type CapabilityAnswer, type OpenApiCapability } from '../openapi/capability';
import { wechatError, type WechatApiErrorName } from '../wechat/errors';
import { MAX_LINK_DAYS, type LinkTarget, type Links } from './links';
import { codePng } from './qr';

type Json = Record<string, unknown>;

export interface CodesParts {
  links: Links;
  /** The app's pages (app.json), or none when the local cloud has no mini-program to read. */
  pages(): string[];
  now(): number;
}

const SCENE = /^[0-9a-zA-Z!#$&'()*+,/:;=?@\-._~]{1,32}$/;
const MAX_PATH_BYTES = 128;
const MAX_QUERY_CHARS = 512;
const DAY_MS = 86_400_000;

const fail = (name: WechatApiErrorName) => wechatError(name, randomUUID());
const envVersion = (data: Json) =>
  ['release', 'trial', 'develop'].includes(String(data.env_version)) ? String(data.env_version) : 'release';
const knownPage = (parts: CodesParts, page: string) => parts.pages().length === 0 || parts.pages().includes(page);

async function png(
  parts: { appid: string; path: string; scene?: string; envVersion: string },
  width: unknown,
): Promise<CapabilityAnswer> {
  return { [BINARY_ANSWER]: { bytes: await codePng(parts, width), contentType: 'image/png' } };
}

/** wxacode.get / createQRCode: a path (page and query) of at most 128 bytes. */
function pathCode(data: Json, appid: string): Promise<CapabilityAnswer> | Json {
  const path = typeof data.path === 'string' ? data.path.replace(/^\//, '') : '';
  if (path === '' || Buffer.byteLength(path) > MAX_PATH_BYTES) return fail('INVALID_PATH_LENGTH');
  return png({ appid, path, envVersion: envVersion(data) }, data.width);
}

export function codeCapabilities(parts: CodesParts): OpenApiCapability[] {
  return [
    {
      cloudName: 'wxacode.getUnlimited',
      httpPath: 'wxa/getwxacodeunlimit',
      handle: (data, caller) => {
        if (typeof data.scene !== 'string' || !SCENE.test(data.scene)) return fail('INVALID_SCENE_LENGTH');
        const page = typeof data.page === 'string' && data.page !== '' ? data.page : (parts.pages()[0] ?? '');
        if (data.check_path !== false && !knownPage(parts, page)) return fail('INVALID_PAGE');
        return png({ appid: caller.appid, path: page, scene: data.scene, envVersion: envVersion(data) }, data.width);
      },
    },
    { cloudName: 'wxacode.get', httpPath: 'wxa/getwxacode', handle: (data, caller) => pathCode(data, caller.appid) },
    {
      cloudName: 'wxacode.createQRCode',
      httpPath: 'cgi-bin/wxaapp/createwxaqrcode',
      handle: (data, caller) => pathCode(data, caller.appid),
    },
    {
      cloudName: 'urlscheme.generate',
      httpPath: 'wxa/generatescheme',
      handle: (data, caller) => {
        const jump = (data.jump_wxa ?? {}) as Json;
        const target = linkTarget(
          parts,
          { ...jump, ...pick(data, ['expire_type', 'expire_time', 'expire_interval']) },
          caller.appid,
        );
        return 'errcode' in target ? target : { errcode: 0, errmsg: 'ok', openlink: parts.links.scheme(target) };
      },
    },
    {
      cloudName: 'urllink.generate',
      httpPath: 'wxa/generate_urllink',
      handle: (data, caller) => {
        const target = linkTarget(parts, data, caller.appid);
        return 'errcode' in target ? target : { errcode: 0, errmsg: 'ok', url_link: parts.links.link(target) };
      },
    },
  ];
}

function pick(data: Json, keys: string[]): Json {
  return Object.fromEntries(keys.filter((key) => data[key] !== undefined).map((key) => [key, data[key]]));
}

/** The page, query and expiry of a scheme or link, checked as WeChat checks them. */
function linkTarget(parts: CodesParts, data: Json, appid: string): LinkTarget | { errcode: number; errmsg: string } {
  const path = typeof data.path === 'string' ? data.path.replace(/^\//, '') : (parts.pages()[0] ?? '');
  if (!knownPage(parts, path)) return fail('INVALID_PAGE_PATH');
  const query = typeof data.query === 'string' ? data.query : '';
  if (query.length > MAX_QUERY_CHARS) return fail('INVALID_QUERY');
  const latest = parts.now() + MAX_LINK_DAYS * DAY_MS;
  let expiresAt = latest;
  if (Number(data.expire_type ?? 0) === 1 && data.expire_interval !== undefined) {
    const days = Number(data.expire_interval);
    if (!Number.isInteger(days) || days < 1 || days > MAX_LINK_DAYS) return fail('INVALID_EXPIRE_TIME');
    expiresAt = parts.now() + days * DAY_MS;
  } else if (data.expire_time !== undefined) {
    expiresAt = Number(data.expire_time) * 1000;
    if (!Number.isFinite(expiresAt) || expiresAt <= parts.now() || expiresAt > latest)
      return fail('INVALID_EXPIRE_TIME');
  }
  return { appid, path, query, envVersion: envVersion(data), expiresAt };
}
