/**
 * Cloud function `login`: logs the WeChat caller in and returns their user record; with a signing
 * key configured (AUTH_TOKEN_SECRET), also the access and refresh tokens of the developer's server.
 * The platform calls `main(event, context)`; everything it decides lives in core/.
 */
import { randomUUID } from 'node:crypto';
import { errorBody, type LoginResult } from '../../../typings';
import { initCloud, platformDeps } from '../../../core/kit/cloud';
import { failureBody } from '../../../core/kit/answers';
import { login } from '../../../core/login/login';
import { createCloudSessionsStore, type NodeSdkDatabaseLike } from '../../../core/sessions/cloud-sessions-store';
import { tokenSettingsFromEnv, withTokens } from '../../../core/sessions/function-tokens';
import { createCloudUsersStore } from '../../../core/users/cloud-users-store';

const cloud = initCloud();

function tokenSettings() {
  try {
    return { ok: true as const, settings: tokenSettingsFromEnv(process.env) };
  } catch (error) {
    platformDeps.log(`login: the token settings are invalid: ${(error as Error).message}`);
    return { ok: false as const };
  }
}

export async function main(event: unknown): Promise<LoginResult> {
  const tokens = tokenSettings();
  if (!tokens.ok) return { ok: false, error: errorBody('INTERNAL') };
  const database = cloud.database();
  const result = await login(
    { ...platformDeps, store: createCloudUsersStore(database), newAttemptId: () => randomUUID() },
    event,
    cloud.getWXContext(),
  );
  if (!tokens.settings) return result;
  // wx-server-sdk wraps node-sdk's database; the sessions store speaks node-sdk.
  const nodeDatabase = (database as unknown as { _db: NodeSdkDatabaseLike })._db;
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
