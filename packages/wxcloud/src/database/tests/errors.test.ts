/**
 * Errors as the real service returns them, seen through the real SDK (collection missing,
 * duplicate _id, invalid parameters, legacy geo), then bad input over hand-made HTTP: malformed JSON or
 * EJSON, unknown actions, wrong types, oversized bodies -> a clear error and nothing written.
 */
import { useEmulator } from '../../../test-support/use-emulator';
import { MAX_REQUEST_BODY_BYTES } from '../../limits';

const emu = useEmulator({ collections: ['users'] });

async function post(body: string): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(emu.emulator.dbUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  const text = await response.text();
  return { status: response.status, json: JSON.parse(text) as Record<string, unknown> };
}

async function userCount(): Promise<number> {
  return (await emu.database().collection('users').count()).total as number;
}

describe('through the SDK', () => {
  test('a missing collection is DATABASE_COLLECTION_NOT_EXIST (errCode -502005)', async () => {
    const db = emu.database();
    await expect(db.collection('nope').add({ data: { a: 1 } })).rejects.toMatchObject({ errCode: -502005 });
    await expect(db.collection('nope').where({}).get()).rejects.toThrow(/collection not exists/);
    await expect(
      db
        .collection('nope')
        .doc('x')
        .update({ data: { a: 1 } }),
    ).rejects.toMatchObject({ errCode: -502005 });
  });

  test('a duplicate _id is DATABASE_DUPLICATE_WRITE and a failed batch writes nothing', async () => {
    const db = emu.database();
    await db.collection('users').add({ data: { _id: 'same', n: 1 } });
    await expect(db.collection('users').add({ data: { _id: 'same', n: 2 } })).rejects.toThrow(/duplicate _id "same"/);
    await expect(db.collection('users').add({ data: [{ _id: 'fresh' }, { _id: 'fresh' }] })).rejects.toThrow(
      /duplicate/,
    );
    expect(await userCount()).toBe(1);
    expect((await db.collection('users').doc('same').get()).data).toEqual({ _id: 'same', n: 1 });
  });

  test('createCollection creates once, then fails', async () => {
    const db = emu.database();
    await db.createCollection('fresh');
    await db.collection('fresh').add({ data: { a: 1 } });
    await expect(db.createCollection('fresh')).rejects.toThrow(/already exists/);
  });

  test('createCollection refuses names the service refuses, creating nothing', async () => {
    const db = emu.database();
    for (const name of ['a', '_hidden', 'has space', 'dotted.name', '用户', 'x'.repeat(34)]) {
      await expect(db.createCollection(name)).rejects.toThrow(/集合名称不合法/);
    }
    await db.createCollection('ok-name_2');
    await expect(db.collection('has space').count()).rejects.toThrow(/not exist/);
  });

  test('invalid updates are refused without writing', async () => {
    const db = emu.database();
    await db.collection('users').add({ data: { _id: 'u', s: 'text', arr: [1] } });
    await expect(
      db
        .collection('users')
        .doc('u')
        .update({ data: { arr: db.command.push(1), 'arr.0': 5 } }),
    ).rejects.toThrow(/conflict/);
    expect((await db.collection('users').doc('u').get()).data).toEqual({ _id: 'u', s: 'text', arr: [1] });
  });

  test('a legacy planar geo form the service does not run is refused', async () => {
    const db = emu.database();
    await expect(
      db
        .collection('users')
        .where({
          loc: {
            $geoWithin: {
              $box: [
                [0, 0],
                [1, 1],
              ],
            },
          },
        })
        .get(),
    ).rejects.toThrow(/\$geoWithin supports/);
  });
});

describe('bad input over HTTP', () => {
  test('malformed JSON', async () => {
    const { status, json } = await post('{"action": "database.insertDocument", ');
    expect(status).toBe(200);
    expect(json).toMatchObject({ code: 'INVALID_PARAM', message: 'request body is not valid JSON' });
    expect(typeof json.requestId).toBe('string');
  });

  test('missing and unknown actions', async () => {
    expect((await post('[1,2]')).json.code).toBe('INVALID_PARAM');
    expect((await post('{"collectionName":"users"}')).json.code).toBe('INVALID_PARAM');
    expect((await post('{"action":"database.dropEverything"}')).json).toMatchObject({
      code: 'INVALID_ACTION',
      message: 'unknown action database.dropEverything',
    });
    expect((await post('{"action":"__proto__"}')).json.code).toBe('INVALID_ACTION');
  });

  test('wrong parameter types name the field', async () => {
    const { json } = await post(
      JSON.stringify({ action: 'database.getDocument', collectionName: 'users', limit: 'ten' }),
    );
    expect(json.code).toBe('INVALID_PARAM');
    expect(json.message).toMatch(/limit/);
    const zero = await post(JSON.stringify({ action: 'database.getDocument', collectionName: 'users', limit: 0 }));
    expect(zero.json.message).toMatch(/limit/);
    const data = await post(
      JSON.stringify({ action: 'database.insertDocument', collectionName: 'users', data: '{"a":1}' }),
    );
    expect(data.json.message).toMatch(/data/);
  });

  test('malformed EJSON and bad values write nothing', async () => {
    const bad = [
      { action: 'database.insertDocument', collectionName: 'users', data: ['{"ok":1}', '{"broken":'] },
      { action: 'database.insertDocument', collectionName: 'users', data: ['{"d":{"$date":"not a date"}}'] },
      { action: 'database.insertDocument', collectionName: 'users', data: ['[1,2]'] },
      { action: 'database.insertDocument', collectionName: 'users', data: ['{"_id":{"a":1}}'] },
      { action: 'database.modifyDocument', collectionName: 'users', query: '{}', data: '{"$set":', multi: true },
      {
        action: 'database.modifyDocument',
        collectionName: 'users',
        query: '{}',
        data: '{"$nope":{"a":1}}',
        upsert: true,
      },
      {
        action: 'database.getDocument',
        collectionName: 'users',
        query: '{"a":{"$regularExpression":{"pattern":"(","options":""}}}',
      },
    ];
    for (const body of bad) {
      const { status, json } = await post(JSON.stringify(body));
      expect(status).toBe(200);
      expect({ body, code: json.code }).toEqual({
        body,
        code: expect.stringMatching(/INVALID_PARAM|DATABASE_INVALID_OPERRATOR/),
      });
    }
    expect(await userCount()).toBe(0);
  });

  test('deep nesting is refused rather than crashing', async () => {
    const deep = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
    const { json } = await post(
      JSON.stringify({ action: 'database.insertDocument', collectionName: 'users', data: [deep] }),
    );
    expect(json.code).toBe('INVALID_PARAM');
    expect(await userCount()).toBe(0);
  });

  test('an oversized body gets HTTP 413 and the server keeps serving', async () => {
    const huge = 'x'.repeat(MAX_REQUEST_BODY_BYTES + 10);
    const { status, json } = await post(
      JSON.stringify({ action: 'database.insertDocument', collectionName: 'users', data: [`{"s":"${huge}"}`] }),
    );
    expect(status).toBe(413);
    expect(json.code).toBe('INVALID_PARAM');
    expect(await userCount()).toBe(0);
  });
});
