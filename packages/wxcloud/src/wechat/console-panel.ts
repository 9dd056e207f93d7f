/**
 * The console's WeChat tab: the login codes `wx.login` issued (used, expired or still valid), the
 * known apps, and the phone codes the phone-number button gave (from the openapi service). No
 * session_key and no AppSecret ever reaches the page; codes are shortened, openids and phone numbers
 * masked by the console's rule (console/mask.ts).
 */
import { maskOpenid, maskPhone } from '../console/mask';
import type { PanelBlock, PanelContent } from '../console/api-types';
import { PANEL_PAGE_SIZE, pageOf, type ConsolePanel, type PanelRequest } from '../console/panel-contract';
import type { Host } from '../host/service';
import { OPENAPI_SERVICE, type OpenApiService } from '../openapi/service';
import { DEFAULT_LOCAL_APP } from './apps';
import type { WechatState } from './state';

const STATE_TEXT = { used: '已使用 / used', expired: '已过期 / expired', valid: '有效 / valid' } as const;

/** Enough of a code to tell it apart, not enough to exchange it. */
export function shortCode(code: string): string {
  return `${code.slice(0, 6)}…`;
}

export function wechatConsolePanel(state: WechatState, host: Host): ConsolePanel {
  return {
    id: 'wechat',
    title: { zh: '微信', en: 'WeChat' },
    content: (request): PanelContent => ({
      blocks: [loginCodes(state, request), knownApps(state), phoneCodes(host, request)],
    }),
  };
}

function loginCodes(state: WechatState, request: PanelRequest): PanelBlock {
  const { total, codes } = state.issuedCodes({ offset: request.page * PANEL_PAGE_SIZE, limit: PANEL_PAGE_SIZE });
  return {
    kind: 'table',
    caption: {
      zh: '登录 code（wx.login，5 分钟内可换一次）',
      en: 'Login codes (wx.login; exchangeable once within 5 minutes)',
    },
    columns: [
      { key: 'code', title: { zh: 'code', en: 'Code' } },
      { key: 'openid', title: { zh: 'openid', en: 'OpenID' } },
      { key: 'appid', title: { zh: 'AppID', en: 'AppID' } },
      { key: 'state', title: { zh: '状态', en: 'State' } },
      { key: 'expiresAt', title: { zh: '过期时间', en: 'Expires at' } },
    ],
    page: { index: request.page, size: PANEL_PAGE_SIZE, total },
    rows: codes.map((issued) => ({
      code: shortCode(issued.code),
      openid: maskOpenid(issued.openid),
      appid: issued.appid,
      state: STATE_TEXT[issued.state],
      expiresAt: { time: issued.expiresAt },
    })),
  };
}

function knownApps(state: WechatState): PanelBlock {
  return {
    kind: 'table',
    caption: { zh: '已知的小程序（AppSecret 不显示）', en: 'Known apps (the AppSecret is never shown)' },
    columns: [
      { key: 'appid', title: { zh: 'AppID', en: 'AppID' } },
      { key: 'secret', title: { zh: 'AppSecret', en: 'AppSecret' } },
    ],
    rows: state.knownApps().map((app) => ({
      appid: app.appid,
      secret:
        app.appid === DEFAULT_LOCAL_APP.appid && app.secret === DEFAULT_LOCAL_APP.secret
          ? '本地默认 / local default'
          : '已配置 / configured (--app)',
    })),
  };
}

function phoneCodes(host: Host, request: PanelRequest): PanelBlock {
  const { rows: minted, page } = pageOf(
    host.service<OpenApiService>(OPENAPI_SERVICE)?.mintedPhoneCodes() ?? [],
    request,
  );
  return {
    kind: 'table',
    caption: {
      zh: '手机号 code（手机号按钮，5 分钟内可换一次）',
      en: 'Phone codes (the phone-number button; exchangeable once within 5 minutes)',
    },
    columns: [
      { key: 'code', title: { zh: 'code', en: 'Code' } },
      { key: 'openid', title: { zh: 'openid', en: 'OpenID' } },
      { key: 'appid', title: { zh: 'AppID', en: 'AppID' } },
      { key: 'phoneNumber', title: { zh: '手机号', en: 'Phone number' } },
      { key: 'state', title: { zh: '状态', en: 'State' } },
      { key: 'mintedAt', title: { zh: '发放时间', en: 'Issued at' } },
    ],
    page,
    rows: minted.map((code) => ({
      code: shortCode(code.code),
      openid: maskOpenid(code.openid),
      appid: code.appid,
      phoneNumber: maskPhone(code.phoneNumber),
      state: STATE_TEXT[code.state],
      mintedAt: { time: code.mintedAt },
    })),
  };
}
