/**
 * A request a browser page elsewhere could not have made: its Host is a loopback name (no DNS
 * rebinding), and an Origin, when present, is a loopback origin too.
 */
const LOOPBACK_HOST = /^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/i;

export function isLoopbackRequest(host: string | undefined, origin: string | undefined): boolean {
  if (!host || !LOOPBACK_HOST.test(host)) return false;
  if (origin === undefined) return true;
  try {
    return LOOPBACK_HOST.test(new URL(origin).host);
  } catch {
    return false;
  }
}
