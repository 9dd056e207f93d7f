/**
 * UsersStore on @cloudbase/node-sdk (the developer's server): the same store as the cloud
 * function's, over node-sdk's database given the shape wx-server-sdk wraps it in (`add({ data })`,
 * `update({ data })`, the node-sdk database as `_db`), so both paths share one implementation.
 */
import type { DB } from 'wx-server-sdk';
import { createCloudUsersStore } from './cloud-users-store';
import type { UsersStore } from './users-store';

interface NodeSdkQuery {
  update(data: object): Promise<{ updated?: number }>;
  remove(): Promise<{ deleted?: number }>;
  limit(count: number): { get(): Promise<{ data: unknown[] }> };
  updateAndReturn?(data: object): Promise<unknown>;
}

/** The part of a node-sdk database the users store uses. */
export interface NodeSdkUsersDatabase {
  command: unknown;
  collection(name: string): { add(document: object): Promise<unknown>; where(query: object): NodeSdkQuery };
  createCollection(name: string): Promise<unknown>;
}

export function createNodeSdkUsersStore(db: NodeSdkUsersDatabase): UsersStore {
  const wrapped = {
    command: db.command,
    _db: db,
    createCollection: (name: string) => db.createCollection(name),
    collection: (name: string) => {
      const collection = db.collection(name);
      return {
        add: ({ data }: { data: object }) => collection.add(data),
        where: (query: object) => {
          const where = collection.where(query);
          return {
            update: async ({ data }: { data: object }) => ({
              stats: { updated: (await where.update(data)).updated ?? 0 },
            }),
            limit: (count: number) => where.limit(count),
            remove: async () => ({ stats: { removed: (await where.remove()).deleted ?? 0 } }),
          };
        },
      };
    },
  };
  return createCloudUsersStore(wrapped as unknown as DB.Database);
}
