/**
 * Contract of the `login` cloud function: its event and its result, as zod schemas.
 * The mini-program imports only the inferred types (`import type`), never zod.
 */
import { z } from 'zod';
import { SERVER_ERROR_CODES } from './errors';

/** Keys the platform itself adds to every event sent from a mini-program. */
const PlatformUserInfoSchema = z.object({ appId: z.string(), openId: z.string() }).passthrough();

/**
 * What the mini-program sends. `attemptId` names one login attempt: a retry of the same attempt
 * reuses it so that the login is counted once even if an earlier try was applied but its answer lost.
 * No field here can choose the user: identity comes only from cloud.getWXContext().
 */
export const LoginEventSchema = z
  .object({
    attemptId: z
      .string()
      .regex(/^[A-Za-z0-9_-]{8,64}$/, 'attemptId must be 8-64 characters of A-Z a-z 0-9 _ -')
      .optional(),
    userInfo: PlatformUserInfoSchema.optional(),
  })
  .strict();
export type LoginEvent = z.infer<typeof LoginEventSchema>;

/** The user as the function returns it (dates as ISO-8601 strings, as they cross JSON). */
export const UserSchema = z.object({
  openid: z.string().min(1),
  appid: z.string(),
  unionid: z.string().optional(),
  createdAt: z.string().datetime(),
  lastLoginAt: z.string().datetime(),
  loginCount: z.number().int().positive(),
});
export type User = z.infer<typeof UserSchema>;

const ErrorBodySchema = z.object({
  code: z.enum(SERVER_ERROR_CODES),
  message: z.string(),
  retryable: z.boolean(),
});

export const LoginResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), data: z.object({ user: UserSchema, isNewUser: z.boolean() }) }),
  z.object({ ok: z.literal(false), error: ErrorBodySchema }),
]);
export type LoginResult = z.infer<typeof LoginResultSchema>;
export type LoginSuccess = Extract<LoginResult, { ok: true }>['data'];
