/**
 * How the console shows identities: enough to tell two people apart, never the whole value.
 * Real values stay in the data; only what is displayed is masked.
 */

/** `o6_b****Fr0M`: the first and last four characters of an openid or unionid. */
export function maskOpenid(openid: string): string {
  if (openid.length <= 8) return `${openid.slice(0, 2)}****`;
  return `${openid.slice(0, 4)}****${openid.slice(-4)}`;
}
