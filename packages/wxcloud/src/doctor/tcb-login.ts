/**
 * Whether the tcb CLI (@cloudbase/cli) has a credential, read from its file without the network.
 * The CLI keeps it in <home>/.config/.cloudbase/auth.json (lowdb, key "credential";
 * <tmpdir>/.config/.cloudbase when home is not writable). `tcb login` (browser) stores
 * tmpSecretId/refreshToken/expired; `tcb login --apiKeyId --apiKey` stores secretId/secretKey.
 * TENCENTCLOUD_SECRETID/SECRETKEY in the environment are NOT used by `tcb fn deploy`.
 * A credential on disk may still have been revoked: only the cloud can tell.
 */
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

const credentialSchema = z.looseObject({
  secretId: z.string().optional(),
  secretKey: z.string().optional(),
  tmpSecretId: z.string().optional(),
  tmpSecretKey: z.string().optional(),
  refreshToken: z.string().optional(),
  /** Milliseconds since epoch after which the refresh token no longer works. */
  expired: z.union([z.number(), z.string()]).optional(),
});
const authFileSchema = z.looseObject({ credential: credentialSchema.optional() });

export type LoginState =
  | { loggedIn: true; method: 'api key' | 'browser' }
  | { loggedIn: false; reason: 'no credential file' | 'no credential' | 'expired' | 'unreadable' };

/** The CLI's credential file for a given home directory. */
export function authFilePath(homeDir: string): string {
  return path.join(homeDir, '.config', '.cloudbase', 'auth.json');
}

/** Reads auth.json's text (undefined when the file is absent) as the CLI would, at time `now`. */
export function loginStateFromAuthFile(text: string | undefined, now: number): LoginState {
  if (text === undefined) return { loggedIn: false, reason: 'no credential file' };
  let parsed: z.infer<typeof authFileSchema>;
  try {
    parsed = authFileSchema.parse(JSON.parse(text));
  } catch {
    return { loggedIn: false, reason: 'unreadable' };
  }
  const credential = parsed.credential ?? {};
  if (credential.secretId && credential.secretKey) return { loggedIn: true, method: 'api key' };
  if (credential.refreshToken && (credential.tmpSecretId || credential.secretId)) {
    const expired = Number(credential.expired);
    if (Number.isFinite(expired) && expired <= now) return { loggedIn: false, reason: 'expired' };
    return { loggedIn: true, method: 'browser' };
  }
  return { loggedIn: false, reason: 'no credential' };
}

/** Home directory as the CLI sees it (os.homedir() honours HOME / USERPROFILE). */
export function homeDirectory(env: NodeJS.ProcessEnv): string {
  return env.HOME || env.USERPROFILE || os.homedir();
}

/** The login state from the file the CLI would read. */
export function readLoginState(env: NodeJS.ProcessEnv, now: number): { login: LoginState; authFile: string } {
  const primary = authFilePath(homeDirectory(env));
  const fallback = authFilePath(os.tmpdir());
  const authFile = existsSync(primary) || !existsSync(fallback) ? primary : fallback;
  const text = existsSync(authFile) ? readFileSync(authFile, 'utf8') : undefined;
  return { login: loginStateFromAuthFile(text, now), authFile };
}

const REASONS: Record<Exclude<LoginState, { loggedIn: true }>['reason'], string> = {
  'no credential file': '没有凭据文件 / no credential file',
  'no credential': '凭据文件里没有凭据 / the file holds no credential',
  expired: '登录已过期 / the login has expired',
  unreadable: '凭据文件无法读取 / the file cannot be read',
};

/** The reason a login state is not logged in, in Chinese and English. */
export function describeLoginReason(login: LoginState): string {
  return login.loggedIn ? '' : REASONS[login.reason];
}

export const TCB_LOGIN_FIX =
  '运行 `npx tcb login`（会打开浏览器）；CI 里用 `npx tcb login --apiKeyId <SecretId> --apiKey <SecretKey>` / ' +
  'run `npx tcb login` (opens a browser); in CI `npx tcb login --apiKeyId <SecretId> --apiKey <SecretKey>`';
