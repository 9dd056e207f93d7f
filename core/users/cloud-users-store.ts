/**
 * UsersStore on the cloud database, through wx-server-sdk.
 *
 * A returning login must be one request that both counts the login and returns the user. The
 * service has that request (database.modifyAndReturnDoc); node-sdk exposes it as
 * `where(...).updateAndReturn(...)`, but wx-server-sdk's wrapper does not re-export it. So this
 * module reaches the node-sdk database that wx-server-sdk wraps, in this one place, and falls back
 * to update + get (two requests, same result) if a future SDK moves it.
 */
import type { DB } from 'wx-server-sdk';
import { classifyDatabaseError, describeError } from '../kit/database-errors';
import type { ProfileChange } from './profile-record';
import { USERS_COLLECTION, type ReturningLoginChange, type UserDocument } from './user-record';
import { StoreError, type UsersStore } from './users-store';

interface NodeSdkAnswer {
  code?: string;
  message?: string;
  updated?: number;
  doc?: unknown;
}
interface NodeSdkDatabase {
  collection(name: string): { where(query: object): { updateAndReturn?(data: object): Promise<NodeSdkAnswer> } };
}

export function createCloudUsersStore(db: DB.Database): UsersStore {
  const _ = db.command;
  const users = () => db.collection(USERS_COLLECTION);
  const wrapped = (db as unknown as { _db?: NodeSdkDatabase })._db;

  // On an array of objects `neq` matches when no element's id equals the value (MongoDB semantics).
  const conditionFor = (change: ReturningLoginChange) => ({ _id: change._id, 'recentAttempts.id': _.neq(change.attemptId) });
  const updateFor = (change: ReturningLoginChange) => ({
    ...change.set,
    // The SDK's typings allow only numbers for max, but the service compares dates as well.
    lastLoginAt: _.max(change.maxLastLoginAt as unknown as number),
    loginCount: _.inc(change.incLoginCount),
    recentAttempts: _.push({ each: [change.counted] }),
  });

  async function updateAndReturn(change: ReturningLoginChange): Promise<UserDocument | null> {
    const query = wrapped?.collection(USERS_COLLECTION).where(conditionFor(change));
    if (!query?.updateAndReturn) return updateThenGet(change);
    const answer = await query.updateAndReturn(updateFor(change));
    if (answer.code) throw answer;
    return answer.updated ? (answer.doc as UserDocument) : null;
  }

  async function updateThenGet(change: ReturningLoginChange): Promise<UserDocument | null> {
    const { stats } = (await users().where(conditionFor(change)).update({ data: updateFor(change) })) as DB.IUpdateResult;
    return stats.updated ? findUser(change._id) : null;
  }

  async function findUser(id: string): Promise<UserDocument | null> {
    const { data } = (await users().where({ _id: id }).limit(1).get()) as DB.IQueryResult;
    return (data[0] as UserDocument | undefined) ?? null;
  }

  /** `phone` is replaced whole (db.command.set), not merged field by field as a nested object would be. */
  const profileUpdate = (change: ProfileChange) => {
    const { phone, ...fields } = change;
    const defined = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
    return phone ? { ...defined, phone: _.set(phone) } : defined;
  };

  async function updateProfile(id: string, change: ProfileChange): Promise<UserDocument | null> {
    const query = wrapped?.collection(USERS_COLLECTION).where({ _id: id });
    if (query?.updateAndReturn) {
      const answer = await query.updateAndReturn(profileUpdate(change));
      if (answer.code) throw answer;
      return answer.updated ? (answer.doc as UserDocument) : findUser(id);
    }
    await users().where({ _id: id }).update({ data: profileUpdate(change) });
    return findUser(id);
  }

  return {
    updateProfile: (id, change) => translated(() => updateProfile(id, change)),
    removeUser: (id) =>
      translated(async () => {
        const { stats } = (await users().where({ _id: id }).remove()) as DB.IRemoveResult;
        return stats.removed > 0;
      }),
    recordReturningLogin: (change) => translated(() => updateAndReturn(change)),
    insertUser: (document) => translated(async () => void (await users().add({ data: document }))),
    findUser: (id) => translated(() => findUser(id)),
    pruneAttempts: (pruning) =>
      translated(async () => {
        const where = users().where({ _id: pruning._id, loginCount: pruning.loginCount });
        const { stats } = (await where.update({ data: { recentAttempts: _.set(pruning.recentAttempts) } })) as DB.IUpdateResult;
        return stats.updated > 0;
      }),
    createCollection: () =>
      translated(async () => {
        try {
          await db.createCollection(USERS_COLLECTION);
        } catch (error) {
          if (!/ALREADY_EXIST|already exist/i.test(describeError(error))) throw error;
        }
      }),
  };
}

async function translated<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw new StoreError(classifyDatabaseError(error), describeError(error));
  }
}
