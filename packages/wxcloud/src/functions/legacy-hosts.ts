/**
 * wx-server-sdk before 2.1 (node-sdk 2.0 betas, and tcb-admin-node under 0.8–1.x) posts to hosts
 * hard-coded for the SCF network (`http://tcb-admin.tencentyun.com/admin`, `http://tcb-open.tencentyun.com/admin`);
 * no environment variable moves them. Inside a function the runtime sends requests for those hosts
 * to the local cloud instead: to TCB_CONTEXT_CNFG's URL, read at each request like the newer SDKs
 * read it, with the Host header the local cloud accepts.
 */
import http from 'node:http';

export const LEGACY_HOSTS: readonly string[] = ['tcb-admin.tencentyun.com', 'tcb-open.tencentyun.com'];

type RequestArgs = Parameters<typeof http.request>;

/** Patches http.request and http.get of this process (or worker) once. */
export function routeLegacyHosts(): void {
  const original = http.request;
  if ((original as { legacyHostsRouted?: boolean }).legacyHostsRouted) return;
  const routed = ((...args: RequestArgs) => original(...(rewrite(args) as RequestArgs))) as typeof http.request & {
    legacyHostsRouted: boolean;
  };
  routed.legacyHostsRouted = true;
  http.request = routed;
  http.get = ((...args: RequestArgs) => {
    const request = routed(...args);
    request.end();
    return request;
  }) as typeof http.get;
}

/** The local cloud's admin URL, if this process has one. */
function localAdminUrl(): URL | undefined {
  try {
    const url = (JSON.parse(process.env.TCB_CONTEXT_CNFG ?? '{}') as { URL?: unknown }).URL;
    return typeof url === 'string' ? new URL(url) : undefined;
  } catch {
    return undefined;
  }
}

/** The request's arguments with a legacy host replaced by the local cloud; others unchanged. */
function rewrite(args: unknown[]): unknown[] {
  const [first, ...rest] = args;
  const target = localAdminUrl();
  if (!target) return args;
  if (typeof first === 'string' || first instanceof URL) {
    const url = new URL(String(first));
    if (!LEGACY_HOSTS.includes(url.hostname)) return args;
    const moved = new URL(`${target.pathname}${url.search}`, target);
    return [moved, ...rest.map((item) => (isOptions(item) ? withLocalHost(item, target) : item))];
  }
  if (!isOptions(first)) return args;
  const host = String(first.hostname ?? first.host ?? '').replace(/:\d+$/, '');
  if (!LEGACY_HOSTS.includes(host)) return args;
  const search = String(first.path ?? '/').replace(/^[^?]*/, '');
  return [{ ...withLocalHost(first, target), path: `${target.pathname}${search}` }, ...rest];
}

function isOptions(value: unknown): value is http.RequestOptions {
  return value !== null && typeof value === 'object' && !(value instanceof URL);
}

function withLocalHost(options: http.RequestOptions, target: URL): http.RequestOptions {
  const headers = { ...(options.headers as Record<string, unknown> | undefined) };
  for (const name of Object.keys(headers)) if (name.toLowerCase() === 'host') delete headers[name];
  return {
    ...options,
    host: target.hostname,
    hostname: target.hostname,
    port: target.port,
    headers: { ...headers, host: target.host },
  };
}
