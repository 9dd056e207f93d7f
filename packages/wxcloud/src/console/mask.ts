/**
 * The console's one masking rule, for everything it displays (Functions, Phones, Users, WeChat,
 * Storage): openids, unionids and phone numbers are masked for display; the data, the paths and the
 * links keep the real values (a fileID or a URL holding an openid still works).
 *
 * - openid / unionid: the mini-program's mask (first 4 + `****` + last 4) and a 4-character
 *   fingerprint, so two ids that share their ends (oDemo-dave-0004, oDemo-dora-0004) stay apart;
 * - phone numbers: first 3 + `****` + last 4, as the profile page shows them (138****8000).
 */
import { createHash } from 'node:crypto';

/** `oDem****0004·3f9a`: the mini-program's mask and a fingerprint of the whole id. */
export function maskOpenid(openid: string): string {
  const fingerprint = createHash('sha256').update(openid).digest('hex').slice(0, 4);
  const ends = openid.length <= 8 ? `${openid.slice(0, 2)}****` : `${openid.slice(0, 4)}****${openid.slice(-4)}`;
  return `${ends}·${fingerprint}`;
}

/** `138****8000`, the country code kept when there is one (`+852 612****4567`). */
export function maskPhone(phone: string): string {
  const match = /^(\+\d{1,3}\s?)?([\d\s-]+)$/.exec(phone.trim());
  const prefix = match?.[1] ?? '';
  const digits = (match?.[2] ?? phone).replace(/\D/g, '');
  if (digits.length < 8) return `${prefix}${digits.slice(0, 1)}****`;
  return `${prefix}${digits.slice(0, 3)}****${digits.slice(-4)}`;
}

/** A mainland mobile number (11 digits from 13x to 19x), with an optional +86, not inside a longer number. */
const MOBILE = /(?<![\d/])(\+86\s?)?(1[3-9]\d)\d{4}(\d{4})(?![\d/])/g;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * `text` with each of `ids` masked and every mobile number masked, except where they are part of a
 * path (next to a `/`: a fileID, a cloud path, a URL), which must keep working.
 */
export function maskText(text: string, ids: ReadonlyArray<string | null | undefined> = []): string {
  let masked = text.replace(
    MOBILE,
    (_all, country: string | undefined, head: string, tail: string) => `${country ?? ''}${head}****${tail}`,
  );
  for (const id of new Set(ids)) {
    if (!id) continue;
    masked = masked.replace(new RegExp(`(?<![/\\w-])${escapeRegExp(id)}(?![/\\w-])`, 'g'), maskOpenid(id));
  }
  return masked;
}
