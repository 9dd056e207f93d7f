/**
 * What the platform injects into each invocation, built as plain data (no I/O):
 * the environment variables wx-server-sdk and @cloudbase/node-sdk read (per call, from process.env),
 * and the fields of the `context` argument of `exports.main(event, context)`.
 *
 * Read in the SDK sources:
 * - wx-server-sdk getWXContext(): WX_CONTEXT_KEYS lists env keys; each value is read from process.env,
 *   a `WX_` prefix is stripped (WX_OPENID -> OPENID); ENV = TCB_ENV || SCF_NAMESPACE; SOURCE = TCB_SOURCE.
 *   All-digit values become numbers. Nothing is cached, so a warm instance sees each new caller.
 * - node-sdk getCloudbaseContext(): TCB_CONTEXT_CNFG {"URL"} is the admin endpoint (the emulator);
 *   TENCENTCLOUD_SECRETID/SECRETKEY must be set; TCB_ENV and TCB_SOURCE (and, before node-sdk 2.4.7,
 *   TCB_CONTEXT_CNFG itself) are only read when listed in TCB_CONTEXT_KEYS; TENCENTCLOUD_RUNENV=SCF marks
 *   the SCF runtime (else the SDK probes the cloud metadata server on every request); X-TCB-Source of
 *   outgoing calls is `${TCB_SOURCE},scf`.
 * - WX_API_TOKEN (listed in WX_CONTEXT_KEYS, hidden from getWXContext by wx-server-sdk) is what
 *   node-sdk sends as `wxCloudApiToken` with `cloud.openapi.*` calls: the emulator's token names the
 *   function and its user (host/api-token.ts).
 */
import type { WxContext } from '../clients/wx-context';
import { mintApiToken } from '../host/api-token';
import { EMULATOR_REGION, SDK_CONTEXT_KEYS, sdkEnvironment } from '../host/sdk-env';

/** Who is calling: a mini-program user (wx.cloud.callFunction) or nobody (console, another function). */
export interface CallerContext {
  user?: WxUser;
  /** TCB_SOURCE: `wx_client` from the mini-program, `wx_client,scf` or `scf` from another function. */
  source?: string;
  clientIp?: string;
  /** Set when a trigger, not a caller, started the invocation (TRIGGER_SRC; the service's value is inferred). */
  trigger?: 'timer';
}

/** The caller as the function sees it: the phone's user, and for cross-account calls the other account's. */
export interface WxUser extends Omit<WxContext, 'CLIENTIP'> {
  /** Cross-account calls (resource sharing): the caller's identity in the other account. */
  FROM_OPENID?: string;
  FROM_APPID?: string;
  FROM_UNIONID?: string;
}

export interface InvocationSetting {
  requestId: string;
  functionName: string;
  envId: string;
  adminUrl: string;
  timeoutMs: number;
  memoryMb: number;
}

/** Keys getWXContext may report; absent ones are removed from process.env for the call. */
const WX_KEYS = [
  'WX_CLIENTIP',
  'WX_CLIENTIPV6',
  'WX_APPID',
  'WX_OPENID',
  'WX_UNIONID',
  'WX_FROM_OPENID',
  'WX_FROM_APPID',
  'WX_FROM_UNIONID',
] as const;

const TCB_CONTEXT_KEYS = [
  ...SDK_CONTEXT_KEYS,
  'TCB_ENV',
  'TCB_SEQID',
  'TRIGGER_SRC',
  'TCB_SESSIONTOKEN',
  'TCB_SOURCE',
].join(',');

/** Values to set (string) or remove (null) in the instance's process.env before the call. */
export type EnvPatch = Record<string, string | null>;

export function buildInvocationEnv(caller: CallerContext, setting: InvocationSetting): EnvPatch {
  const user = caller.user;
  const wxValues: Record<(typeof WX_KEYS)[number], string | undefined> = {
    WX_CLIENTIP: user ? (caller.clientIp ?? '127.0.0.1') : undefined,
    WX_CLIENTIPV6: user ? `::ffff:${caller.clientIp ?? '127.0.0.1'}` : undefined,
    WX_APPID: user?.APPID,
    WX_OPENID: user?.OPENID,
    WX_UNIONID: user?.UNIONID,
    WX_FROM_OPENID: user?.FROM_OPENID,
    WX_FROM_APPID: user?.FROM_APPID,
    WX_FROM_UNIONID: user?.FROM_UNIONID,
  };
  const patch: EnvPatch = {
    ...sdkEnvironment(setting.adminUrl, setting.envId),
    SCF_FUNCTIONNAME: setting.functionName,
    TCB_SEQID: setting.requestId,
    TRIGGER_SRC: caller.trigger ?? 'tcb',
    TCB_SOURCE: caller.source || null,
    TCB_CONTEXT_KEYS,
    WX_API_TOKEN: mintApiToken({
      functionName: setting.functionName,
      openid: user?.FROM_OPENID ?? user?.OPENID,
      appid: user?.FROM_APPID ?? user?.APPID,
    }),
    // Listed even when the caller has no user, so getWXContext() still reports ENV and SOURCE.
    WX_CONTEXT_KEYS: [...WX_KEYS, 'WX_API_TOKEN'].join(','),
  };
  for (const key of WX_KEYS) patch[key] = wxValues[key] ?? null;
  return patch;
}

/** The serialisable part of the `context` argument (the instance adds getRemainingTimeInMillis etc.). */
export interface ContextFields {
  memory_limit_in_mb: number;
  time_limit_in_ms: number;
  request_id: string;
  /** Legacy "KEY=value;KEY=value" form of the injected variables. */
  environ: string;
  /** JSON form of the injected variables (newer runtimes; node-sdk prefers it). */
  environment: string;
  function_version: string;
  function_name: string;
  namespace: string;
  tencentcloud_region: string;
}

export function buildContextFields(env: EnvPatch, setting: InvocationSetting): ContextFields {
  const present = Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== null);
  return {
    memory_limit_in_mb: setting.memoryMb,
    time_limit_in_ms: setting.timeoutMs,
    request_id: setting.requestId,
    environ: present.map(([key, value]) => `${key}=${value}`).join(';'),
    environment: JSON.stringify(Object.fromEntries(present)),
    function_version: '$LATEST',
    function_name: setting.functionName,
    namespace: setting.envId,
    tencentcloud_region: EMULATOR_REGION,
  };
}

/** TCB_SOURCE for a function called by another: the caller's X-TCB-Source header, e.g. "wx_client,scf". */
export function sourceFromHeader(header: string | undefined): string {
  const chain = (header ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  return chain.length > 0 ? chain.join(',') : 'scf';
}
