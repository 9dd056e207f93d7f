import { classifyDatabaseError } from './database-errors';

describe('classifyDatabaseError', () => {
  it.each([
    [{ code: 'DATABASE_DUPLICATE_WRITE', message: 'dup' }, 'duplicate'],
    [{ errCode: -502001, errMsg: 'E11000 duplicate key error collection: users' }, 'duplicate'],
    [
      {
        errCode: -501001,
        errMsg: 'collection.add:fail -501001 resource system error. duplicate _id "o1" in collection users',
      },
      'duplicate',
    ],
    [{ errCode: -502005, errMsg: 'collection.add:fail -502005 database collection not exists' }, 'collection-missing'],
    [{ code: 'DATABASE_COLLECTION_NOT_EXIST', message: 'Db or Table not exist' }, 'collection-missing'],
    [Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }), 'transient'],
    [new Error('socket hang up'), 'transient'],
    [{ errCode: -501002, errMsg: 'server timeout' }, 'transient'],
    [{ code: 'SYS_ERR', message: 'internal' }, 'transient'],
    [{ errCode: -502003, errMsg: 'permission denied' }, 'fatal'],
    [{ code: 'INVALID_PARAM', message: 'bad query' }, 'fatal'],
    ['weird', 'fatal'],
  ])('%j is %s', (error, kind) => {
    expect(classifyDatabaseError(error)).toBe(kind);
  });
});

// The shapes the real SDKs produced against the emulator's fault injection (see the module header;
// test/reliability/sdk-fault-shapes.test.ts checks them live).
describe('classifyDatabaseError on the SDK shapes seen under faults', () => {
  const url = 'http://127.0.0.1:1/admin?env=local-env&seqId=1_2';
  it.each([
    [{ code: 503, requestId: undefined, message: `503 Service Unavailable | [${url}]` }, 'transient'],
    [{ code: 500, requestId: undefined, message: `500 Internal Server Error | [${url}]` }, 'transient'],
    [
      {
        errCode: -501001,
        errMsg: `collection.add:fail -501001 resource system error. 500 Internal Server Error | [${url}]`,
      },
      'transient',
    ],
    [
      { errCode: -501001, errMsg: `collection.get:fail -501001 resource system error. 502 Bad Gateway | [${url}]` },
      'transient',
    ],
    [{ code: 503, errCode: -1, errMsg: `createCollection:fail 503 Service Unavailable | [${url}]` }, 'transient'],
    [Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET', errno: -104, syscall: 'read' }), 'transient'],
    [{ errCode: -501001, errMsg: 'collection.add:fail -501001 resource system error. read ECONNRESET' }, 'transient'],
    [Object.assign(new Error('request timeout'), { code: 'ESOCKETTIMEDOUT', hasConnected: true }), 'transient'],
    [{ errCode: -501001, errMsg: 'collection.get:fail -501001 resource system error. request timeout' }, 'transient'],
    [{ code: 404, message: `404 Not Found | [${url}]` }, 'fatal'],
    // A lost race of two first logins: wx-server-sdk knows no number for DATABASE_DUPLICATE_WRITE.
    [
      {
        errCode: -501001,
        errMsg: 'collection.add:fail -501001 resource system error. duplicate _id "o-crowd" in collection users',
      },
      'duplicate',
    ],
    [
      {
        errCode: -501001,
        errMsg: 'collection.add:fail -501001 resource system error. invalid parameters for database.insertDocument',
      },
      'fatal',
    ],
  ])('%j is %s', (error, kind) => {
    expect(classifyDatabaseError(error)).toBe(kind);
  });
});
