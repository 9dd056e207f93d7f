/**
 * The emulated WeChat as a service: login codes and session keys for simulated phones, WeChat's
 * server API for the developer's server, open data encrypted as WeChat sends it. Reset forgets
 * codes, keys and tokens; the known apps stay. 网页授权 (公众号, website) is oauth-state.ts. The console's
 * WeChat tab is console-panel.ts.
 */
import type { EmulatorService, ServiceFactory } from '../host/service';
import { DEFAULT_LOCAL_APP, type KnownApp } from './apps';
import { wechatConsolePanel } from './console-panel';
import { OAUTH_FORM_BYTES, registerOAuthRoutes } from './oauth-routes';
import { OAuthState } from './oauth-state';
import { wechatRefusal } from './errors';
import { registerWechatRoutes } from './routes';
import { WechatState, type WechatStateOptions } from './state';
import { WECHAT_API_PATH, WECHAT_SERVICE } from './names';

export { WECHAT_API_PATH, WECHAT_SERVICE };

export interface WechatService extends EmulatorService {
  readonly state: WechatState;
  /** 网页授权 (公众号 and website apps): codes, sns/* tokens. */
  readonly oauth: OAuthState;
  /** `<base>/wechat-api`: what a server uses instead of https://api.weixin.qq.com. */
  readonly apiBase: string;
}

export interface WechatServiceOptions extends Omit<WechatStateOptions, 'apps'> {
  /** Known apps; default: DEFAULT_LOCAL_APP alone. */
  apps?: KnownApp[];
}

export function wechatService(options: WechatServiceOptions = {}): ServiceFactory<WechatService> {
  return (host) => {
    const apps = options.apps?.length ? options.apps : [DEFAULT_LOCAL_APP];
    const state = new WechatState({ ...options, apps });
    const seenUnionids = () => state.issuedCodes().codes.flatMap((code) => (code.unionid ? [code.unionid] : []));
    const oauth = new OAuthState({
      apps,
      seenUnionids,
      ...(options.now ? { now: options.now } : {}),
      ...(options.random ? { random: options.random } : {}),
    });
    return {
      name: WECHAT_SERVICE,
      state,
      oauth,
      apiBase: `${host.baseUrl}${WECHAT_API_PATH}`,
      // WeChat reads a POST's JSON whatever its content type says (wechatpy sends none), and answers refusals its own
      // way.
      bodyTypes: { [`${WECHAT_API_PATH}/`]: ['*'], '/wechat-open/': ['application/x-www-form-urlencoded'] },
      bodyLimits: { '/wechat-open/': OAUTH_FORM_BYTES },
      refusals: { [`${WECHAT_API_PATH}/`]: wechatRefusal },
      routes: (app) => {
        registerWechatRoutes(app, state);
        registerOAuthRoutes(app, oauth);
      },
      consolePanels: [wechatConsolePanel(state, host)],
      reset: () => {
        state.reset();
        oauth.reset();
      },
    };
  };
}
