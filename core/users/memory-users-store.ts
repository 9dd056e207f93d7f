/**
 * UsersStore in memory: each call is atomic, as one database request is. For unit tests of the
 * login logic; `failNext` makes chosen calls fail the way a flaky network does, before or after the
 * write is applied (the caller cannot tell which).
 */
import { applyProfileChange, type ProfileChange } from './profile-record';
import { applyReturningLogin, hasCountedAttempt, type AccountCache, type UserDocument } from './user-record';
import { StoreError, type UsersStore } from './users-store';

type Operation = keyof UsersStore;
interface PlannedFailure {
  operation: Operation;
  /** 'after' applies the write, then loses the answer. */
  when: 'before' | 'after';
}

export class MemoryUsersStore implements UsersStore {
  readonly documents = new Map<string, UserDocument>();
  readonly calls: Operation[] = [];
  private collectionExists: boolean;
  private failures: PlannedFailure[] = [];

  constructor(options: { collectionExists?: boolean } = {}) {
    this.collectionExists = options.collectionExists ?? true;
  }

  failNext(operation: Operation, when: PlannedFailure['when'] = 'before'): this {
    this.failures.push({ operation, when });
    return this;
  }

  async recordReturningLogin(change: Parameters<UsersStore['recordReturningLogin']>[0]): Promise<UserDocument | null> {
    return this.run('recordReturningLogin', () => {
      this.requireCollection();
      const current = this.documents.get(change._id);
      if (!current || hasCountedAttempt(current, change.attemptId)) return null;
      const next = applyReturningLogin(current, change);
      this.documents.set(change._id, next);
      return structuredClone(next);
    });
  }

  async insertUser(document: UserDocument): Promise<void> {
    return this.run('insertUser', () => {
      this.requireCollection();
      if (this.documents.has(document._id)) throw new StoreError('duplicate', `duplicate _id ${document._id}`);
      this.documents.set(document._id, structuredClone(document));
    });
  }

  async findUser(id: string): Promise<UserDocument | null> {
    return this.run('findUser', () => {
      this.requireCollection();
      const found = this.documents.get(id);
      return found ? structuredClone(found) : null;
    });
  }

  async pruneAttempts(pruning: Parameters<UsersStore['pruneAttempts']>[0]): Promise<boolean> {
    return this.run('pruneAttempts', () => {
      this.requireCollection();
      const current = this.documents.get(pruning._id);
      if (!current || current.loginCount !== pruning.loginCount) return false;
      this.documents.set(pruning._id, { ...current, recentAttempts: structuredClone(pruning.recentAttempts) });
      return true;
    });
  }

  async createCollection(): Promise<void> {
    return this.run('createCollection', () => {
      this.collectionExists = true;
    });
  }

  async updateProfile(id: string, change: ProfileChange): Promise<UserDocument | null> {
    return this.run('updateProfile', () => {
      this.requireCollection();
      const current = this.documents.get(id);
      if (!current) return null;
      const next = applyProfileChange(current, change);
      this.documents.set(id, next);
      return structuredClone(next);
    });
  }

  async setAccount(id: string, account: AccountCache): Promise<boolean> {
    return this.run('setAccount', () => {
      this.requireCollection();
      const current = this.documents.get(id);
      if (!current || !mayRecordAccount(current.account)) return false;
      this.documents.set(id, { ...current, account: structuredClone(account) });
      return true;
    });
  }

  async removeUser(id: string): Promise<boolean> {
    return this.run('removeUser', () => {
      this.requireCollection();
      return this.documents.delete(id);
    });
  }

  private async run<T>(operation: Operation, apply: () => T): Promise<T> {
    this.calls.push(operation);
    await Promise.resolve(); // let concurrent callers interleave between requests, as over a network
    const failure = this.takeFailure(operation);
    if (failure?.when === 'before') throw new StoreError('transient', `${operation}: connection reset`);
    const result = apply();
    if (failure?.when === 'after') throw new StoreError('transient', `${operation}: timed out waiting for the answer`);
    return result;
  }

  private takeFailure(operation: Operation): PlannedFailure | undefined {
    const index = this.failures.findIndex((failure) => failure.operation === operation);
    return index === -1 ? undefined : this.failures.splice(index, 1)[0];
  }

  private requireCollection(): void {
    if (!this.collectionExists) throw new StoreError('collection-missing', 'DATABASE_COLLECTION_NOT_EXIST');
  }
}

/** The condition of setAccount: nothing remembered, or an account remembered without a UnionID. */
function mayRecordAccount(current: AccountCache | undefined): boolean {
  return current?.unionid === undefined;
}
