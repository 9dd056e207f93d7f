import fc from 'fast-check';
import { evaluateRule, parseRule } from './expression';
import { queryImpliesRule } from './query-check';

const owner = parseRule('doc._openid == auth.openid');
const me = { openid: 'o1' };

describe('queryImpliesRule: a query is allowed only when its conditions imply the rule', () => {
  it.each([
    [{ _openid: 'o1' }, true],
    [{ _openid: '{openid}' }, true],
    [{ _openid: { $eq: 'o1' }, n: { $gt: 3 } }, true],
    [{ _openid: { $in: ['o1'] } }, true],
    [{ $and: [{ _openid: 'o1' }, { unionid: 'u-bob' }] }, true],
    [
      {
        $or: [
          { _openid: 'o1', a: 1 },
          { _openid: 'o1', b: 2 },
        ],
      },
      true,
    ],
    [{ _openid: 'o2' }, false],
    [{ unionid: 'u-bob' }, false],
    [{}, false],
    [{ _openid: { $ne: 'nobody' } }, false],
    [{ _openid: { $in: ['o1', 'o2'] } }, false],
    [{ $or: [{ _openid: 'o1' }, { unionid: 'u-bob' }] }, false],
    [{ $nor: [{ _openid: 'o2' }] }, false],
    [{ _openid: { $regex: '.*' } }, false],
    [{ _openid: null }, false],
  ])('%j under doc._openid == auth.openid: %s', (query, allowed) => {
    expect(queryImpliesRule(owner, query, me)).toBe(allowed);
  });

  it('an anonymous caller is refused even a query pinned to null or to the placeholder', () => {
    expect(queryImpliesRule(owner, { _openid: null }, null)).toBe(false);
    expect(queryImpliesRule(owner, { _openid: '{openid}' }, null)).toBe(false);
    expect(queryImpliesRule(parseRule('auth.openid != null'), {}, null)).toBe(false);
    expect(queryImpliesRule(parseRule('auth.openid != null'), {}, me)).toBe(true);
  });

  it('uses $ne to prove a != rule, and true / false rules need no condition', () => {
    const live = parseRule("doc.status != 'deleted'");
    expect(queryImpliesRule(live, { status: { $ne: 'deleted' } }, me)).toBe(true);
    expect(queryImpliesRule(live, { status: 'draft' }, me)).toBe(true);
    expect(queryImpliesRule(live, {}, me)).toBe(false);
    expect(queryImpliesRule(parseRule('true'), {}, null)).toBe(true);
    expect(queryImpliesRule(parseRule('false'), { _openid: 'o1' }, me)).toBe(false);
  });

  it('is sound: whenever a query of pinned fields is allowed, every document it matches passes the rule', () => {
    const rules = [
      'doc._openid == auth.openid',
      'doc.a == 1 || doc._openid == auth.openid',
      "doc.a != 2 && doc.b == 'x'",
      '!(doc.a == 1)',
    ].map(parseRule);
    const value = fc.constantFrom<unknown>(1, 2, 'x', 'o1', 'o2', null);
    const fields = fc.dictionary(fc.constantFrom('a', 'b', '_openid'), value, { maxKeys: 3 });
    fc.assert(
      fc.property(fc.constantFrom(...rules), fields, fields, (rule, query, rest) => {
        const doc = { ...rest, ...query };
        // A query of plain values matches exactly the documents that hold them.
        if (queryImpliesRule(rule, query, me)) expect(evaluateRule(rule, { doc, auth: me })).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});
