/**
 * The client database (what `wx.cloud.database()` in a mini-program reaches) as an emulated
 * service: `POST /client/database` under the project's `<collection>.rules.json` security rules,
 * found in the cloud functions root. It keeps no state of its own: data lives in the database.
 */
import type { EmulatorService, ServiceFactory } from '../host/service';
import { registerClientDatabase } from './client-database';
import { loadCollectionRules, type CollectionRules } from './rules-file';

export const CLIENT_DATABASE_SERVICE = 'client-database';

export interface ClientDatabaseService extends EmulatorService {
  /** The security rules per collection, read from the project now (throws on a bad rules file). */
  rules(): Map<string, CollectionRules>;
}

export function clientDatabaseService(options: { functionsRoot: string }): ServiceFactory<ClientDatabaseService> {
  return (host): ClientDatabaseService => ({
    name: CLIENT_DATABASE_SERVICE,
    rules: () => loadCollectionRules(options.functionsRoot),
    routes: (app) => registerClientDatabase(app, () => loadCollectionRules(options.functionsRoot), host.admin),
  });
}
