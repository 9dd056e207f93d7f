/**
 * URL schemes (`weixin://dl/business/?t=…`) and URL links (`https://wxaurl.cn/…`) the app made,
 * and what opening one starts: the page, its query and the scene (1065 scheme, 1194 link), while
 * it has not expired. Codes (`wxcloud://wxacode?…`) open too, as a scan does (scene 1047 / 1011).
 */
import { randomBytes } from 'node:crypto';
import { CODE_URL_PREFIX } from './qr';

export interface LinkTarget {
  appid: string;
  path: string;
  query: string;
  envVersion: string;
  expiresAt: number;
}

export interface OpenedLink {
  appid: string;
  path: string;
  query: Record<string, string>;
  scene: number;
}

export const SCHEME_PREFIX = 'weixin://dl/business/?t=';
export const LINK_PREFIX = 'https://wxaurl.cn/';
/** Schemes and links live at most 30 days (WeChat's rule since 2023). */
export const MAX_LINK_DAYS = 30;

export class Links {
  private readonly targets = new Map<string, LinkTarget>();

  constructor(private readonly now: () => number = Date.now) {}

  scheme(target: LinkTarget): string {
    return `${SCHEME_PREFIX}${this.keep(target)}`;
  }

  link(target: LinkTarget): string {
    return `${LINK_PREFIX}${this.keep(target)}`;
  }

  /** What opening `url` starts, or why it cannot open. */
  open(url: string): { ok: true; opened: OpenedLink } | { ok: false; reason: string } {
    if (url.startsWith(CODE_URL_PREFIX)) return { ok: true, opened: openCode(url) };
    const ticket = url.startsWith(SCHEME_PREFIX)
      ? url.slice(SCHEME_PREFIX.length)
      : url.startsWith(LINK_PREFIX)
        ? url.slice(LINK_PREFIX.length)
        : undefined;
    const target = ticket === undefined ? undefined : this.targets.get(ticket);
    if (!target) return { ok: false, reason: `not a scheme, link or code this local cloud made: ${url}` };
    if (target.expiresAt <= this.now()) return { ok: false, reason: '链接已过期 / the link has expired' };
    return {
      ok: true,
      opened: {
        appid: target.appid,
        path: target.path,
        query: Object.fromEntries(new URLSearchParams(target.query)),
        scene: url.startsWith(SCHEME_PREFIX) ? 1065 : 1194,
      },
    };
  }

  clear(): void {
    this.targets.clear();
  }

  private keep(target: LinkTarget): string {
    const ticket = randomBytes(12).toString('base64url');
    this.targets.set(ticket, target);
    return ticket;
  }
}

function openCode(url: string): OpenedLink {
  const params = new URLSearchParams(url.slice(CODE_URL_PREFIX.length));
  const [page = '', query = ''] = (params.get('path') ?? '').split('?');
  const scene = params.get('scene');
  // A sun code's page receives its scene URI-encoded in `query.scene`, as WeChat hands it over.
  const opened = scene === null ? Object.fromEntries(new URLSearchParams(query)) : { scene: encodeURIComponent(scene) };
  return { appid: params.get('appid') ?? '', path: page, query: opened, scene: scene === null ? 1011 : 1047 };
}
