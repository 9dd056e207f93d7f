/** The line the emulator prints at start about its WeChat side: the API base and the known apps. */
import type { Emulator } from '../host/emulator';
import { DEFAULT_LOCAL_APP, kindOf } from './apps';
import { WECHAT_SERVICE, type WechatService } from './service';

export function describeApps(emulator: Emulator): string {
  const wechat = emulator.service<WechatService>(WECHAT_SERVICE);
  if (!wechat) return '微信接口未运行 / WeChat API: not running';
  const apps = wechat.state.knownApps();
  const isDefault =
    apps.length === 1 && apps[0]?.appid === DEFAULT_LOCAL_APP.appid && apps[0].secret === DEFAULT_LOCAL_APP.secret;
  // The default app's secret is public and local; a secret given with --app is the developer's and is not echoed.
  const listed = isDefault
    ? `${DEFAULT_LOCAL_APP.appid}:${DEFAULT_LOCAL_APP.secret} （默认本地应用 / default local app）`
    : apps.map((app) => (kindOf(app) === 'miniprogram' ? app.appid : `${app.appid} (${kindOf(app)})`)).join(', ');
  return `接口 / WeChat API at ${wechat.apiBase}（应用 / apps ${listed}）`;
}
