/**
 * fast-check arbitraries of hostile input: wrong types, huge strings, deep nesting, prototype
 * pollution keys, MongoDB operators injected into values. Objects are built with own properties
 * (defineProperty), so "__proto__" really is a key, as JSON.parse would make it.
 */
import fc from 'fast-check';

export const POLLUTION_KEYS = ['__proto__', 'constructor', 'prototype'];
export const OPERATOR_KEYS = [
  '$ne',
  '$gt',
  '$gte',
  '$lt',
  '$in',
  '$nin',
  '$exists',
  '$regex',
  '$where',
  '$expr',
  '$function',
  '$set',
  '$inc',
  '$unset',
];
const IDENTITY_KEYS = [
  'openid',
  'OPENID',
  '_openid',
  '_id',
  'appid',
  'unionid',
  'UNIONID',
  'FROM_OPENID',
  'x-wx-openid',
];

export const hostileKey = fc.oneof(
  fc.constantFrom(...POLLUTION_KEYS, ...OPERATOR_KEYS, ...IDENTITY_KEYS),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
);

/** Builds an object whose keys are own properties even when one is "__proto__". */
export function ownObject(entries: Array<[string, unknown]>): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (const [key, value] of entries)
    Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  return object;
}

const leaf = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom('x'.repeat(100_000), '😀'.repeat(5_000), '\u0000', "'; return true; //", '{"$ne":null}'),
);

/** Any JSON-able value, possibly deep, possibly with operators and pollution keys. */
export const hostileValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.array(fc.tuple(hostileKey, tie('value')), { maxLength: 4 }).map(ownObject),
    fc.tuple(fc.constantFrom(...OPERATOR_KEYS), tie('value')).map(([op, value]) => ownObject([[op, value]])),
  ),
})).value;

/** Nesting far deeper than any limit: [[[...]]] and {a:{a:...}}. */
export const deepValue = fc.integer({ min: 50, max: 2000 }).chain((depth) =>
  fc.constantFrom('array', 'object').map((shape) => {
    let value: unknown = 'bottom';
    for (let i = 0; i < depth; i++) value = shape === 'array' ? [value] : { a: value };
    return value;
  }),
);

const invalidAttemptId = fc.oneof(
  hostileValue.filter((value) => typeof value !== 'string' && value !== undefined),
  fc.string({ maxLength: 7 }),
  fc.string({ minLength: 65, maxLength: 200 }),
  fc.string({ minLength: 8, maxLength: 64 }).filter((text) => !/^[A-Za-z0-9_-]{8,64}$/.test(text)),
  fc.constantFrom({ $ne: null }, { $gt: '' }, ['attempt-0001'], 'attempt-0001\n', 'attempt 0001', '../../etc/passwd'),
);

/**
 * A login event that must be refused with INVALID_ARGUMENT: it always carries at least one thing
 * the contract forbids (an unknown key, a bad attemptId, a malformed userInfo), possibly alongside
 * valid fields. `objectsOnly` for transports that only carry objects as the event.
 */
export function invalidLoginEvent(objectsOnly = false): fc.Arbitrary<unknown> {
  const extraKey = hostileKey.filter((key) => key !== 'attemptId' && key !== 'userInfo' && key !== '__proto__');
  const badUserInfo = fc
    .oneof(
      hostileValue.filter((v) => typeof v !== 'object' || v === null || Array.isArray(v)),
      fc.record({ appId: fc.integer(), openId: fc.string() }),
    )
    .map((value) => [['userInfo', value]] as Array<[string, unknown]>);
  const badObject = fc.oneof(
    fc.tuple(extraKey, hostileValue).map(([key, value]) => [[key, value]] as Array<[string, unknown]>),
    invalidAttemptId.map((value) => [['attemptId', value]] as Array<[string, unknown]>),
    // Through the client endpoint the platform replaces any userInfo sent: it cannot be bad there.
    ...(objectsOnly ? [] : [badUserInfo]),
    deepValue.map((value) => [['attemptId', value]] as Array<[string, unknown]>),
  );
  const event = fc
    .tuple(badObject, fc.boolean(), fc.boolean())
    .map(([bad, withProto, withValidId]) =>
      ownObject([
        ...(withValidId ? ([['attemptId', 'valid-attempt-01']] as Array<[string, unknown]>) : []),
        ...(withProto ? ([['__proto__', { isAdmin: true }]] as Array<[string, unknown]>) : []),
        ...bad,
      ]),
    );
  if (objectsOnly) return event;
  return fc.oneof(
    event,
    hostileValue.filter((value) => value !== null && (typeof value !== 'object' || Array.isArray(value))),
    deepValue.filter(Array.isArray),
  );
}

export function prototypeIsClean(): boolean {
  const probe = {} as Record<string, unknown>;
  return probe.isAdmin === undefined && probe.polluted === undefined && Object.keys(Object.prototype).length === 0;
}
