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
import { asStoreErrors, describeError } from '../kit/database-errors';
import type { ProfileChange } from './profile-record';
import {
  USERS_COLLECTION,
  type AccountCache,
  type AttemptsPruning,
  type ReturningLoginChange,
  type UserDocument,
} from './user-record';
import type { UsersStore } from './users-store';

interface NodeSdkAnswer {
  code?: string;
  message?: string;
  updated?: number;
  doc?: unknown;
}
interface NodeSdkDatabase {
  collection(name: string): { where(query: object): { updateAndReturn?(data: object): Promise<NodeSdkAnswer> } };
}

/** The database, and the node-sdk database wx-server-sdk wraps (undefined if a future SDK moves it). */
interface UsersDatabase {
  db: DB.Database;
  wrapped: NodeSdkDatabase | undefined;
}

export function createCloudUsersStore(db: DB.Database): UsersStore {
  const database: UsersDatabase = { db, wrapped: (db as unknown as { _db?: NodeSdkDatabase })._db };
  return {
    updateProfile: (id, change) => asStoreErrors(() => updateProfile(database, id, change)),
    removeUser: (id) => asStoreErrors(() => removeUser(db, id)),
    recordReturningLogin: (change) => asStoreErrors(() => recordReturningLogin(database, change)),
    insertUser: (document) => asStoreErrors(async () => void (await usersOf(db).add({ data: document }))),
    findUser: (id) => asStoreErrors(() => findUser(db, id)),
    pruneAttempts: (pruning) => asStoreErrors(() => pruneAttempts(db, pruning)),
    createCollection: () => asStoreErrors(() => createUsersCollection(db)),
    setAccount: (id, account) => asStoreErrors(() => setAccount(db, id, account)),
  };
}

const usersOf = (db: DB.Database) => db.collection(USERS_COLLECTION);

// On an array of objects `neq` matches when no element's id equals the value (MongoDB semantics).
const conditionFor = (db: DB.Database, change: ReturningLoginChange) => ({
  _id: change._id,
  'recentAttempts.id': db.command.neq(change.attemptId),
});

function updateFor(db: DB.Database, change: ReturningLoginChange) {
  const _ = db.command;
  return {
    ...change.set,
    // The SDK's typings allow only numbers for max, but the service compares dates as well.
    lastLoginAt: _.max(change.maxLastLoginAt as unknown as number),
    loginCount: _.inc(change.incLoginCount),
    recentAttempts: _.push({ each: [change.counted] }),
  };
}

async function recordReturningLogin(
  { db, wrapped }: UsersDatabase,
  change: ReturningLoginChange,
): Promise<UserDocument | null> {
  const query = wrapped?.collection(USERS_COLLECTION).where(conditionFor(db, change));
  if (!query?.updateAndReturn) return updateThenGet(db, change);
  const answer = await query.updateAndReturn(updateFor(db, change));
  if (answer.code) throw answer;
  return answer.updated ? (answer.doc as UserDocument) : null;
}

async function updateThenGet(db: DB.Database, change: ReturningLoginChange): Promise<UserDocument | null> {
  const { stats } = (await usersOf(db)
    .where(conditionFor(db, change))
    .update({ data: updateFor(db, change) })) as DB.IUpdateResult;
  return stats.updated ? findUser(db, change._id) : null;
}

async function findUser(db: DB.Database, id: string): Promise<UserDocument | null> {
  const { data } = (await usersOf(db).where({ _id: id }).limit(1).get()) as DB.IQueryResult;
  return (data[0] as UserDocument | undefined) ?? null;
}

/** `phone` is replaced whole (db.command.set), not merged field by field as a nested object would be. */
function profileUpdate(db: DB.Database, change: ProfileChange) {
  const { phone, ...fields } = change;
  const defined = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
  return phone ? { ...defined, phone: db.command.set(phone) } : defined;
}

async function updateProfile(
  { db, wrapped }: UsersDatabase,
  id: string,
  change: ProfileChange,
): Promise<UserDocument | null> {
  const query = wrapped?.collection(USERS_COLLECTION).where({ _id: id });
  if (query?.updateAndReturn) {
    const answer = await query.updateAndReturn(profileUpdate(db, change));
    if (answer.code) throw answer;
    return answer.updated ? (answer.doc as UserDocument) : findUser(db, id);
  }
  await usersOf(db)
    .where({ _id: id })
    .update({ data: profileUpdate(db, change) });
  return findUser(db, id);
}

async function removeUser(db: DB.Database, id: string): Promise<boolean> {
  const { stats } = (await usersOf(db).where({ _id: id }).remove()) as DB.IRemoveResult;
  return stats.removed > 0;
}

async function pruneAttempts(db: DB.Database, pruning: AttemptsPruning): Promise<boolean> {
  const where = usersOf(db).where({ _id: pruning._id, loginCount: pruning.loginCount });
  const { stats } = (await where.update({
    data: { recentAttempts: db.command.set(pruning.recentAttempts) },
  })) as DB.IUpdateResult;
  return stats.updated > 0;
}

async function createUsersCollection(db: DB.Database): Promise<void> {
  try {
    await db.createCollection(USERS_COLLECTION);
  } catch (error) {
    if (!/ALREADY_EXIST|already exist/i.test(describeError(error))) throw error;
  }
}

/** One conditional update (see UsersStore.setAccount): the object is set whole, not merged. */
async function setAccount(db: DB.Database, id: string, account: AccountCache): Promise<boolean> {
  const _ = db.command;
  const condition = _.or([
    { _id: id, account: _.exists(false) },
    { _id: id, 'account.unionid': _.exists(false) },
  ]);
  const { stats } = (await usersOf(db)
    .where(condition)
    .update({ data: { account: _.set(account) } })) as DB.IUpdateResult;
  return stats.updated === 1;
}
