/**
 * Cloud function `login`: logs the WeChat caller in and returns their user record; with a signing
 * key configured (AUTH_TOKEN_SECRET), also the access and refresh tokens of the developer's server.
 * The platform calls `main(event, context)`; everything it decides lives in core/.
 */
import { randomUUID } from 'node:crypto';
import { createCloudAccountsStore, type NodeSdkAccountsDatabase } from '../../../core/accounts/cloud-accounts-store';
import { accountForLogin, newUserAccounts } from '../../../core/accounts/account-for-login';
import { errorBody, type LoginResult } from '../../../typings';
import { initCloud, platformDeps } from '../../../core/kit/cloud';
import { failureBody } from '../../../core/kit/answers';
import { login } from '../../../core/login/login';
import { createCloudSessionsStore, type NodeSdkDatabaseLike } from '../../../core/sessions/cloud-sessions-store';
import { tokenSettingsFromEnv, withTokens } from '../../../core/sessions/function-tokens';
import { createCloudUsersStore } from '../../../core/users/cloud-users-store';

const cloud = initCloud();

type AccountDeps = Parameters<typeof accountForLogin>[0];

function tokenSettings() {
  try {
    return { ok: true as const, settings: tokenSettingsFromEnv(process.env) };
  } catch (error) {
    platformDeps.log(`login: the token settings are invalid: ${(error as Error).message}`);
    return { ok: false as const };
  }
}

/**
 * Links the user to the person's account, as the developer's server does: the users collection
 * stays keyed by OPENID; the account joins the person's identities of every app. A first login
 * without a UnionID is linked beside its insert (login's newUserAccounts); otherwise here. Best
 * effort: the login is counted already, and the next one links it.
 */
async function withAccount(result: LoginResult, accounts: AccountDeps): Promise<LoginResult> {
  if (!result.ok) return result;
  try {
    return { ok: true, data: { ...result.data, accountId: await accountForLogin(accounts, result.data) } };
  } catch (error) {
    platformDeps.log(`login: account not linked this time: ${(error as Error).message}`);
    return result;
  }
}

export async function main(event: unknown): Promise<LoginResult> {
  const tokens = tokenSettings();
  if (!tokens.ok) return { ok: false, error: errorBody('INTERNAL') };
  const database = cloud.database();
  // wx-server-sdk wraps node-sdk's database; the sessions and accounts stores speak node-sdk.
  const nodeDatabase = (database as unknown as { _db: NodeSdkDatabaseLike & NodeSdkAccountsDatabase })._db;
  const users = createCloudUsersStore(database);
  const accounts = { ...platformDeps, users, store: createCloudAccountsStore(nodeDatabase) };
  const counted = await login(
    { ...platformDeps, store: users, newAttemptId: () => randomUUID(), newUserAccounts: newUserAccounts(accounts) },
    event,
    cloud.getWXContext(),
  );
  const result = await withAccount(counted, accounts);
  if (!tokens.settings) return result;
  try {
    return await withTokens(result, {
      ...tokens.settings,
      store: createCloudSessionsStore(nodeDatabase),
      now: platformDeps.now,
    });
  } catch (error) {
    return { ok: false, error: failureBody('login: starting the session', error, platformDeps.log) };
  }
}
