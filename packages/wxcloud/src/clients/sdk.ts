/**
 * Points the real, unmodified wx-server-sdk of this process at an emulator: the SDK reads its URL
 * and credentials from process.env on every request, so one `cloud.init` is enough even when the
 * emulator changes. Tests, `npm start` and the benchmark use it; functions get the same
 * environment from the runtime (host/sdk-env.ts is the one place that knows it).
 */
import type * as WxServerSdk from 'wx-server-sdk';

export interface SdkTarget {
  envId: string;
  sdkEnv(): Record<string, string>;
}

/** Sets the SDK's environment for `target`; returns a function that puts the previous one back. */
export function pointSdkAt(target: SdkTarget): () => void {
  const env = target.sdkEnv();
  const saved = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
  Object.assign(process.env, env);
  return () => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
}

/** wx-server-sdk pointed at `target` and initialised for its environment. */
export function connectSdk(target: SdkTarget): typeof WxServerSdk {
  pointSdkAt(target);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sdk = require('wx-server-sdk') as typeof WxServerSdk;
  sdk.init({ env: target.envId });
  return sdk;
}
