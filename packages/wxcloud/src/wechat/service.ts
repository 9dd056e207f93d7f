/**
 * The emulated WeChat as a service: login codes and session keys for simulated phones, WeChat's
 * server API for the developer's server, open data encrypted as WeChat sends it. Reset forgets
 * codes, keys and tokens; the known apps stay. The console's WeChat tab is console-panel.ts.
 */
import type { EmulatorService, ServiceFactory } from '../host/service';
import { DEFAULT_LOCAL_APP, type KnownApp } from './apps';
import { wechatConsolePanel } from './console-panel';
import { wechatRefusal } from './errors';
import { registerWechatRoutes } from './routes';
import { WechatState, type WechatStateOptions } from './state';
import { WECHAT_API_PATH, WECHAT_SERVICE } from './names';

export { WECHAT_API_PATH, WECHAT_SERVICE };

export interface WechatService extends EmulatorService {
  readonly state: WechatState;
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
    return {
      name: WECHAT_SERVICE,
      state,
      apiBase: `${host.baseUrl}${WECHAT_API_PATH}`,
      // WeChat reads a POST's JSON whatever its content type says (wechatpy sends none), and answers refusals its own way.
      bodyTypes: { [`${WECHAT_API_PATH}/`]: ['*'] },
      refusals: { [`${WECHAT_API_PATH}/`]: wechatRefusal },
      routes: (app) => registerWechatRoutes(app, state),
      consolePanels: [wechatConsolePanel(state, host)],
      reset: () => state.reset(),
    };
  };
}
