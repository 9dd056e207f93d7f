/**
 * The one contract every Store implementation passes. Each implementation's test file calls
 * `describeStoreContract` with a factory; durable stores also pass `reopen` to prove persistence.
 */
import type { Doc, Store } from '../src/store/types';

export interface StoreFactory {
  /** A fresh, empty store. */
  create(): Store | Promise<Store>;
  /** Closes `store` and opens the same data again (durable stores only). */
  reopen?(store: Store): Store | Promise<Store>;
}

const user = (id: string, extra: Record<string, unknown> = {}): Doc => ({ _id: id, name: id, ...extra });

export function describeStoreContract(name: string, factory: StoreFactory): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await factory.create();
    });
    afterEach(async () => {
      await store.close();
    });

    test('collections are created explicitly and listed sorted', () => {
      expect(store.hasCollection('users')).toBe(false);
      store.apply([
        { type: 'createCollection', collection: 'users' },
        { type: 'createCollection', collection: 'a' },
      ]);
      expect(store.collectionNames()).toEqual(['a', 'users']);
      expect(store.count('users')).toBe(0);
      expect([...store.scan('missing')]).toEqual([]);
    });

    test('put, get by _id, replace and delete', async () => {
      store.apply([
        { type: 'createCollection', collection: 'users' },
        { type: 'put', collection: 'users', doc: user('u1') },
      ]);
      store.apply([{ type: 'put', collection: 'users', doc: user('u1', { n: 2, at: new Date(5) }) }]);
      await store.flush();
      expect(store.get('users', 'u1')).toEqual({ _id: 'u1', name: 'u1', n: 2, at: new Date(5) });
      expect(store.count('users')).toBe(1);
      store.apply([{ type: 'delete', collection: 'users', id: 'u1' }]);
      expect(store.get('users', 'u1')).toBeUndefined();
    });

    test('string and number ids are distinct keys', () => {
      store.apply([
        { type: 'createCollection', collection: 'c' },
        { type: 'put', collection: 'c', doc: { _id: 1, v: 'number' } },
        { type: 'put', collection: 'c', doc: { _id: '1', v: 'string' } },
      ]);
      expect(store.get('c', 1)?.v).toBe('number');
      expect(store.get('c', '1')?.v).toBe('string');
    });

    test('a batch with an invalid mutation applies nothing', () => {
      store.apply([{ type: 'createCollection', collection: 'c' }]);
      const bad = { _id: { nested: true } } as unknown as Doc;
      expect(() =>
        store.apply([
          { type: 'put', collection: 'c', doc: user('ok') },
          { type: 'put', collection: 'c', doc: bad },
        ]),
      ).toThrow();
      expect(store.count('c')).toBe(0);
    });

    test('clear removes every collection', () => {
      store.apply([
        { type: 'createCollection', collection: 'c' },
        { type: 'put', collection: 'c', doc: user('x') },
      ]);
      store.apply([{ type: 'clear' }]);
      expect(store.collectionNames()).toEqual([]);
    });

    if (factory.reopen) {
      const reopen = factory.reopen;
      test('data survives close and reopen, including types', async () => {
        store.apply([{ type: 'createCollection', collection: 'users' }]);
        store.apply([
          {
            type: 'put',
            collection: 'users',
            doc: user('u1', { at: new Date(7), n: 1.5, re: /a+/i, list: [1, { x: null }] }),
          },
        ]);
        store.apply([
          { type: 'put', collection: 'users', doc: user('u2') },
          { type: 'delete', collection: 'users', id: 'u2' },
        ]);
        store.apply([{ type: 'createCollection', collection: 'empty' }]);
        await store.flush();
        store = await reopen(store);
        expect(store.collectionNames()).toEqual(['empty', 'users']);
        expect(store.get('users', 'u1')).toEqual({
          _id: 'u1',
          name: 'u1',
          at: new Date(7),
          n: 1.5,
          re: /a+/i,
          list: [1, { x: null }],
        });
        expect(store.get('users', 'u2')).toBeUndefined();
      });
    }
  });
}
