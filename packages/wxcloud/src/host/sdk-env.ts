/**
 * The environment that points the unmodified wx-server-sdk (node-sdk underneath) at the emulator:
 * used for a process talking to it (tests, scripts) and for every function invocation it runs.
 *
 * node-sdk reads these from process.env on every request: TCB_CONTEXT_CNFG's URL is where every
 * action is posted; it signs requests, so dummy credentials must exist (the emulator ignores the
 * signature); TENCENTCLOUD_RUNENV=SCF with a region and namespace is what a real cloud function has,
 * and without it the SDK probes Tencent Cloud's metadata server before every request (node-sdk's
 * lookupAppId, a 30 ms timeout each, never cached). node-sdk before 2.4.7 (inside wx-server-sdk 2.1–2.3.0)
 * reads TCB_CONTEXT_CNFG only when the comma-separated TCB_CONTEXT_KEYS names it, and otherwise posts
 * to the service's own host: every environment lists it there.
 */

/** The region the emulator reports (TENCENTCLOUD_REGION; the SDK complains when it is missing). */
export const EMULATOR_REGION = 'ap-shanghai';

/**
 * The keys node-sdk copies from process.env into its context (older versions read TCB_CONTEXT_CNFG only through it).
 */
export const SDK_CONTEXT_KEYS = ['TCB_CONTEXT_CNFG'];

export function sdkEnvironment(adminUrl: string, envId: string): Record<string, string> {
  return {
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: adminUrl }),
    TCB_CONTEXT_KEYS: SDK_CONTEXT_KEYS.join(','),
    TENCENTCLOUD_SECRETID: 'emulator-secret-id',
    TENCENTCLOUD_SECRETKEY: 'emulator-secret-key',
    TCB_ENV: envId,
    SCF_NAMESPACE: envId,
    TENCENTCLOUD_RUNENV: 'SCF',
    TENCENTCLOUD_REGION: EMULATOR_REGION,
  };
}
