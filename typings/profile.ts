/**
 * Contracts of the profile functions (`updateProfile`, `bindPhone`, `deleteAccount`): events and
 * results as zod schemas; the mini-program imports only the inferred types. No field chooses the
 * user: identity comes only from cloud.getWXContext().
 */
import * as z from 'zod/mini';
import { SERVER_ERROR_CODES } from './errors';

const PlatformUserInfoSchema = z.looseObject({ appId: z.string(), openId: z.string() });

/** Longest nickname kept (WeChat's nickname input allows about this many characters). */
export const MAX_NICKNAME_LENGTH = 20;

/** A nickname: trimmed, 1-20 characters, no control characters. */
export const NickNameSchema = z
  .string()
  .check(
    z.trim(),
    z.minLength(1, 'nickName must not be empty'),
    z.maxLength(MAX_NICKNAME_LENGTH, `nickName must be at most ${MAX_NICKNAME_LENGTH} characters`),
    z.regex(/^[^\p{Cc}]*$/u, 'nickName must not contain control characters'),
  );

export const UpdateProfileEventSchema = z
  .strictObject({
    nickName: z.optional(NickNameSchema),
    /** A `cloud://` file id the caller uploaded under `avatars/<their openid>/`. */
    avatarFileId: z.optional(
      z.string().check(z.regex(/^cloud:\/\/[^/]+\/.+/, 'avatarFileId must be a cloud:// file id'), z.maxLength(1024)),
    ),
    userInfo: z.optional(PlatformUserInfoSchema),
  })
  .check(
    z.refine(
      (event) => event.nickName !== undefined || event.avatarFileId !== undefined,
      'give nickName, avatarFileId or both',
    ),
  );
export type UpdateProfileEvent = z.infer<typeof UpdateProfileEventSchema>;

export const BindPhoneEventSchema = z.strictObject({
  /** The `code` of the phone-number button's event (single use, 5 minutes). */
  code: z.string().check(z.regex(/^[A-Za-z0-9_-]{8,128}$/, 'code must be 8-128 characters of A-Z a-z 0-9 _ -')),
  userInfo: z.optional(PlatformUserInfoSchema),
});
export type BindPhoneEvent = z.infer<typeof BindPhoneEventSchema>;

export const DeleteAccountEventSchema = z.strictObject({
  /** Must be true: a delete is never an accident of a malformed call. */
  confirm: z.literal(true),
  userInfo: z.optional(PlatformUserInfoSchema),
});
export type DeleteAccountEvent = z.infer<typeof DeleteAccountEventSchema>;

/** The profile as its owner sees it (the phone number in full: only the owner ever receives it). */
export const ProfileSchema = z.object({
  openid: z.string(),
  nickName: z.optional(z.string()),
  avatarFileId: z.optional(z.string()),
  phoneNumber: z.optional(z.string()),
  countryCode: z.optional(z.string()),
});
export type Profile = z.infer<typeof ProfileSchema>;

const ErrorBodySchema = z.object({ code: z.enum(SERVER_ERROR_CODES), message: z.string(), retryable: z.boolean() });
const failure = z.object({ ok: z.literal(false), error: ErrorBodySchema });

export const ProfileResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), data: z.object({ profile: ProfileSchema }) }),
  failure,
]);
export type ProfileResult = z.infer<typeof ProfileResultSchema>;

export const DeleteAccountResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), data: z.object({ deleted: z.boolean(), filesDeleted: z.number() }) }),
  failure,
]);
export type DeleteAccountResult = z.infer<typeof DeleteAccountResultSchema>;
