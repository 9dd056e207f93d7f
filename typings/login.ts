/**
 * Contract of the `login` cloud function: its event and its result, as zod schemas.
 * zod/mini keeps the bundled function small; the mini-program imports only the inferred types
 * (`import type`), never zod.
 */
import * as z from 'zod/mini';
import { SERVER_ERROR_CODES } from './errors';

/** Keys the platform itself adds to every event sent from a mini-program. */
const PlatformUserInfoSchema = z.looseObject({ appId: z.string(), openId: z.string() });

/**
 * What the mini-program sends. `attemptId` names one login attempt: a retry of the same attempt
 * reuses it so that the login is counted once even if an earlier try was applied but its answer lost.
 * `newOnDevice`: the device stores no user, so the user is most likely new and the login tries the
 * insert first (a returning user on a new device costs a few more requests, never a wrong count).
 * No field here can choose the user: identity comes only from cloud.getWXContext().
 */
export const LoginEventSchema = z.strictObject({
  attemptId: z.optional(
    z.string().check(z.regex(/^[A-Za-z0-9_-]{8,64}$/, 'attemptId must be 8-64 characters of A-Z a-z 0-9 _ -')),
  ),
  newOnDevice: z.optional(z.boolean()),
  userInfo: z.optional(PlatformUserInfoSchema),
});
export type LoginEvent = z.infer<typeof LoginEventSchema>;

/** The user as the function returns it (dates as ISO-8601 strings, as they cross JSON). */
export const UserSchema = z.object({
  openid: z.string().check(z.minLength(1)),
  appid: z.string(),
  unionid: z.optional(z.string()),
  createdAt: z.iso.datetime(),
  lastLoginAt: z.iso.datetime(),
  loginCount: z.int().check(z.positive()),
});
export type User = z.infer<typeof UserSchema>;

const ErrorBodySchema = z.object({
  code: z.enum(SERVER_ERROR_CODES),
  message: z.string(),
  retryable: z.boolean(),
});

export const LoginResultSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    data: z.object({
      user: UserSchema,
      isNewUser: z.boolean(),
      // The person's account across the developer's apps (docs/accounts.md); absent only when linking failed this time.
      accountId: z.optional(z.string()),
      // Present when the function has a signing key (AUTH_TOKEN_SECRET): tokens for the developer's own server.
      accessToken: z.optional(z.string()),
      refreshToken: z.optional(z.string()),
      expiresIn: z.optional(z.int()),
    }),
  }),
  z.object({ ok: z.literal(false), error: ErrorBodySchema }),
]);
export type LoginResult = z.infer<typeof LoginResultSchema>;
export type LoginSuccess = Extract<LoginResult, { ok: true }>['data'];
