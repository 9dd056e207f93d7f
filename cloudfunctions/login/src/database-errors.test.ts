import { classifyDatabaseError } from './database-errors';

describe('classifyDatabaseError', () => {
  it.each([
    [{ code: 'DATABASE_DUPLICATE_WRITE', message: 'dup' }, 'duplicate'],
    [{ errCode: -502001, errMsg: 'E11000 duplicate key error collection: users' }, 'duplicate'],
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
