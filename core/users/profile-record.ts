/**
 * The profile part of the users document and the changes the profile functions make to it,
 * decided from inputs alone (the time comes from the function's clock).
 */
import { createHash } from 'node:crypto';
import type { Profile } from '../../typings';
import type { StoredPhone, UserDocument } from './user-record';

/** Fields updateProfile / bindPhone set; only those given change. */
export interface ProfileChange {
  nickName?: string;
  avatarFileId?: string;
  phone?: StoredPhone;
  profileUpdatedAt: Date;
}

/** Where a user's avatars live in cloud storage: the phone uploads there, updateProfile accepts only there. */
export function avatarFolder(openid: string): string {
  return `avatars/${openid}/`;
}

/** True when `fileId` is a file directly inside the caller's avatar folder, in any environment. */
export function isOwnAvatarFileId(fileId: string, openid: string): boolean {
  const match = /^cloud:\/\/[^/]+\/(.+)$/.exec(fileId);
  const cloudPath = match?.[1] ?? '';
  const folder = avatarFolder(openid);
  return (
    cloudPath.startsWith(folder) && cloudPath.length > folder.length && !cloudPath.slice(folder.length).includes('/')
  );
}

/** A phone code is never stored: only its digest, to recognise a retry of the bind it made. */
export function phoneCodeDigest(code: string): string {
  return createHash('sha256').update(code).digest('hex');
}

export function applyProfileChange(document: UserDocument, change: ProfileChange): UserDocument {
  const defined = Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined));
  return { ...document, ...defined };
}

export function toProfile(document: UserDocument): Profile {
  return {
    openid: document._openid,
    ...(document.nickName !== undefined ? { nickName: document.nickName } : {}),
    ...(document.avatarFileId !== undefined ? { avatarFileId: document.avatarFileId } : {}),
    ...(document.phone ? { phoneNumber: document.phone.phoneNumber, countryCode: document.phone.countryCode } : {}),
  };
}
