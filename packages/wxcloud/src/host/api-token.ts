/**
 * The token the platform gives each function invocation for calling WeChat's APIs (`WX_API_TOKEN`,
 * which node-sdk sends as `wxCloudApiToken` with every `wx.openApi` request): it says which function
 * is calling and for which user, so the openapi service can check the function's declared
 * permissions and answer for that user. Signed with a key made when this process starts: only the
 * emulator that minted a token accepts it, and a function cannot forge another's.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export interface ApiTokenClaims {
  functionName: string;
  /** The mini-program user of the invocation, when there is one. */
  openid?: string;
  appid?: string;
}

const KEY = randomBytes(32);
const PREFIX = 'emu1';

function signature(payload: string): string {
  return createHmac('sha256', KEY).update(payload).digest('base64url');
}

export function mintApiToken(claims: ApiTokenClaims): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${PREFIX}.${payload}.${signature(payload)}`;
}

/** The claims of a token this process minted, or undefined for anything else. */
export function verifyApiToken(token: unknown): ApiTokenClaims | undefined {
  if (typeof token !== 'string') return undefined;
  const [prefix, payload, signed, ...rest] = token.split('.');
  if (prefix !== PREFIX || !payload || !signed || rest.length) return undefined;
  const expected = Buffer.from(signature(payload));
  const given = Buffer.from(signed);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as ApiTokenClaims;
    return typeof claims.functionName === 'string' ? claims : undefined;
  } catch {
    return undefined;
  }
}
