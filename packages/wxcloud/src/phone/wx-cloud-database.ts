/**
 * wx.cloud.database() for a simulated device: the calls a mini-program makes on the client-side
 * database, sent to the emulator's `POST /client/database` as this device's user, where the
 * collection's security rule decides. Promise style; errors reject with { errCode, errMsg } as the
 * mini-program base library does.
 *
 * @example
 *   const db = launch.wx.cloud.database();
 *   const { data } = await db.collection('users').doc(openid).get();
 *   await db.collection('users').where({ _openid: openid }).get();
 */
import { EJSON } from 'bson';
import type { SimulatedUser } from './wx-cloud-client';

type Op = 'doc.get' | 'where.get' | 'add' | 'doc.update' | 'doc.remove';
type Doc = Record<string, unknown>;

export interface ClientDatabaseError {
  errCode: number;
  errMsg: string;
}

export function createCloudDatabase(baseUrl: string, user: () => SimulatedUser | undefined) {
  const send = async (body: {
    collection: string;
    op: Op;
    docId?: string;
    query?: Doc;
    data?: Doc;
    limit?: number;
  }) => {
    const response = await fetch(`${baseUrl}/client/database`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        ...body,
        query: body.query === undefined ? undefined : EJSON.stringify(body.query, { relaxed: false }),
        data: body.data === undefined ? undefined : EJSON.stringify(body.data, { relaxed: false }),
        ...(user() ? { wxContext: user() } : {}),
      }),
    });
    const answer = (await response.json()) as Record<string, unknown>;
    if (response.status !== 200) throw answer as unknown as ClientDatabaseError;
    return answer;
  };
  const documents = (answer: Record<string, unknown>) =>
    ((answer.list as string[] | undefined) ?? []).map((text) => EJSON.parse(text, { relaxed: true }) as Doc);

  const query = (collection: string, where: Doc, limit?: number) => ({
    limit: (n: number) => query(collection, where, n),
    get: async () => ({
      data: documents(await send({ collection, op: 'where.get', query: where, limit })),
      errMsg: 'collection.get:ok',
    }),
  });

  return () => ({
    collection: (collection: string) => ({
      doc: (docId: string) => ({
        get: async () => ({
          data: documents(await send({ collection, op: 'doc.get', docId }))[0],
          errMsg: 'document.get:ok',
        }),
        update: async (options: { data: Doc }) => ({
          stats: { updated: (await send({ collection, op: 'doc.update', docId, data: options.data })).updated },
          errMsg: 'document.update:ok',
        }),
        remove: async () => ({
          stats: { removed: (await send({ collection, op: 'doc.remove', docId })).deleted },
          errMsg: 'document.remove:ok',
        }),
      }),
      where: (where: Doc) => query(collection, where),
      get: () => query(collection, {}).get(),
      add: async (options: { data: Doc }) => ({
        _id: ((await send({ collection, op: 'add', data: options.data }))._id as unknown[] | undefined)?.[0],
        errMsg: 'collection.add:ok',
      }),
    }),
  });
}
