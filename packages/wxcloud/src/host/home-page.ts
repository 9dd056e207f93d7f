/**
 * `GET /` of the emulator: a short bilingual text page saying what is served here and where the
 * docs are, instead of a bare 404 for whoever opens the base URL in a browser.
 */
import type { Context } from 'hono';

export const HOME_PAGE_TEXT =
  `微信云开发本地模拟器 / WeChat CloudBase local emulator

这里没有网页：它为 wx-server-sdk、云函数和模拟手机提供以下接口。
There is no web page here: it serves these endpoints to wx-server-sdk, the cloud functions and the simulated phones.

  POST /admin                 wx-server-sdk 的请求（TCB_CONTEXT_CNFG 的 URL）` +
  `/ what wx-server-sdk sends (the URL in TCB_CONTEXT_CNFG)
  POST /functions/<name>      以模拟用户调用云函数 / call a cloud function as a simulated user
  POST /client/database       模拟手机的 wx.cloud.database()（安全规则）` +
  `/ a simulated phone's wx.cloud.database() (security rules)

文档 / Docs: README.md 与 docs/emulator.md（项目根目录 / at the project root）
`;

export function homePage(c: Context): Response {
  return c.text(HOME_PAGE_TEXT, 200, { 'content-type': 'text/plain; charset=utf-8' });
}
