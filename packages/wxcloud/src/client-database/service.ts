/**
 * The client database (what `wx.cloud.database()` in a mini-program reaches) as an emulated
 * service: `POST /client/database` under the project's `<collection>.rules.json` security rules,
 * found in the cloud functions root, checked when the service starts and read again per request (an
 * edited file applies at once). It keeps no state of its own: data lives in the database.
 */
import type { EmulatorService, ServiceFactory } from '../host/service';
import { CLIENT_DATABASE_PATH, MAX_CLIENT_DATABASE_BODY_BYTES, registerClientDatabase } from './client-database';
import { loadCollectionRules, type CollectionRules } from './rules-file';

export const CLIENT_DATABASE_SERVICE = 'client-database';

export interface ClientDatabaseService extends EmulatorService {
  /** The security rules per collection, read from the project now (throws on a bad rules file). */
  rules(): Map<string, CollectionRules>;
}

/** Reads and checks every rules file now: a broken one stops the start with its name and problem. */
export function clientDatabaseService(options: { functionsRoot: string }): ServiceFactory<ClientDatabaseService> {
  return (host): ClientDatabaseService => {
    const rules = () => loadCollectionRules(options.functionsRoot);
    rules();
    return {
      name: CLIENT_DATABASE_SERVICE,
      rules,
      bodyLimits: { [CLIENT_DATABASE_PATH]: MAX_CLIENT_DATABASE_BODY_BYTES },
      routes: (app) => registerClientDatabase(app, rules, host.admin),
    };
  };
}
