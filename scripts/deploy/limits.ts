/**
 * Size budgets and platform limits for deployed cloud functions, in one place. The budgets are
 * ours (a bundle that suddenly grows usually means a dependency was bundled by mistake); the
 * 50 MB limit is the tcb CLI's ("函数代码不能大于 50MB" for code sent through the cloud API).
 */
const KiB = 1024;

/** The bundled index.js of one function: wx-server-sdk and its dependencies are about 1.6 MiB of it. */
export const INDEX_JS_BUDGET_BYTES = 2048 * KiB;
/** Everything uploaded for one function (index.js, package.json, config.json, ...). */
export const FUNCTION_FILES_BUDGET_BYTES = 2112 * KiB;
/** Hard limit of the tcb CLI for one function's zipped code. */
export const CLI_CODE_LIMIT_BYTES = 50 * KiB * KiB;

export function formatKiB(bytes: number): string {
  return `${(bytes / KiB).toFixed(1)} KiB`;
}
