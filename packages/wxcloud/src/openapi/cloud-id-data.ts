/**
 * `wx.cloud.CloudID(cloudID)` values in callFunction data, replaced by the platform before the
 * function runs: the function receives `{ cloudID, data }` (the decrypted open data) in place of
 * each one, at any depth; a cloudID the caller may not read becomes `{ cloudID, errCode, errMsg }`.
 * On the emulator's client wire a CloudID travels as `{ "$cloudID": "<id>" }` (what the simulated
 * phone's `wx.cloud.CloudID` makes).
 */
import type { OpenData } from './cloud-ids';
import type { PhoneOwner } from './phone-codes';

export const CLOUD_ID_MARKER = '$cloudID';
const MAX_DEPTH = 16;
const MESSAGES: Record<number, string> = {
  [-601005]: 'invalid cloudID',
  [-601006]: 'cloudID expired',
  [-601007]: 'cloudID and calling user does not match',
};

export type CloudIdReader = (cloudID: string, caller: PhoneOwner) => OpenData;

export function replaceCloudIds(value: unknown, caller: PhoneOwner, read: CloudIdReader, depth = 0): unknown {
  if (depth > MAX_DEPTH || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((item) => replaceCloudIds(item, caller, read, depth + 1));
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.length === 1 && keys[0] === CLOUD_ID_MARKER && typeof record[CLOUD_ID_MARKER] === 'string') {
    const cloudID = record[CLOUD_ID_MARKER];
    const opened = read(cloudID, caller);
    return opened.ok
      ? { cloudID, data: opened.data }
      : { cloudID, errCode: opened.errorCode, errMsg: MESSAGES[opened.errorCode] ?? 'cloudID error' };
  }
  return Object.fromEntries(keys.map((key) => [key, replaceCloudIds(record[key], caller, read, depth + 1)]));
}
