/**
 * The client address behind trusted proxies. Each proxy appends the address it received the
 * request from to X-Forwarded-For, so only the entries on the right were written by proxies; the
 * leftmost ones are whatever the client sent. With `hops` trusted proxies in front of the server,
 * the client is the entry `hops` places from the right, counting the socket's peer as the first
 * (what Express's numeric `trust proxy` and proxy-addr do). With fewer entries than hops, the
 * leftmost there is.
 */
export function clientAddressBehind(
  hops: number,
  socketAddress: string | undefined,
  forwardedFor: string | undefined,
): string | undefined {
  if (hops <= 0) return socketAddress;
  const entries = (forwardedFor ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const chain = [socketAddress, ...entries.reverse()];
  return chain[Math.min(hops, chain.length - 1)];
}
