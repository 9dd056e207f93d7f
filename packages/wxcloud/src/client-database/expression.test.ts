import fc from 'fast-check';
import { evaluateRule, parseRule, RuleSyntaxError } from './expression';

const scope = (doc: unknown, openid?: string) => ({ doc, auth: openid === undefined ? null : { openid } });

describe('parseRule + evaluateRule', () => {
  it('evaluates the shipped users rule', () => {
    const rule = parseRule('doc._openid == auth.openid');
    expect(evaluateRule(rule, scope({ _openid: 'o1' }, 'o1'))).toBe(true);
    expect(evaluateRule(rule, scope({ _openid: 'o1' }, 'o2'))).toBe(false);
    expect(evaluateRule(rule, scope({ _openid: 'o1' }))).toBe(false); // no identity
    expect(evaluateRule(rule, scope({}, undefined))).toBe(false); // missing == missing is not a match
  });

  it.each([
    ['true', {}, true],
    [false, {}, false],
    [true, {}, true],
    ["doc.role == 'admin' || doc._openid == auth.openid", { role: 'user', _openid: 'o1' }, true],
    ["doc.role == 'admin' && doc._openid == auth.openid", { role: 'user', _openid: 'o1' }, false],
    ['!(doc.blocked == true) && doc.a.b == 2', { blocked: false, a: { b: 2 } }, true],
    ['doc.a.b != 2', { a: { b: 3 } }, true],
    ['doc.name == "it\'s"', { name: "it's" }, true],
    ['doc.n == -1.5', { n: -1.5 }, true],
    ['doc.x == null', { x: null }, true],
    ['true || doc.x == 1 && false', {}, true], // && binds tighter than ||
  ])('%j on %j is %s', (rule, doc, expected) => {
    expect(evaluateRule(parseRule(rule), scope(doc, 'o1'))).toBe(expected);
  });

  it('sees only own fields: prototype keys are absent, and absent compares as null', () => {
    for (const path of ['doc.__proto__', 'doc.constructor', 'doc.toString', 'doc.constructor.name', 'auth.__proto__']) {
      expect(evaluateRule(parseRule(`${path} != null`), scope({}, 'o1'))).toBe(false);
      expect(evaluateRule(parseRule(`${path} == null`), scope({}, 'o1'))).toBe(true);
    }
  });

  it('null and missing compare as the service compares them; no identity compares with nothing', () => {
    const check = (rule: string, doc: unknown, openid?: string) => evaluateRule(parseRule(rule), scope(doc, openid));
    expect(check('auth.openid != null', {})).toBe(false); // anonymous callers stay out
    expect(check('auth.openid != null', {}, 'o1')).toBe(true);
    expect(check('auth.openid == null', {})).toBe(false);
    expect(check('doc.x != null', {}, 'o1')).toBe(false); // a missing field is null
    expect(check('doc.x != null', { x: null }, 'o1')).toBe(false);
    expect(check('doc.x != null', { x: 0 }, 'o1')).toBe(true);
    expect(check('doc._openid != auth.openid', { _openid: 'o2' })).toBe(false);
    expect(check('doc._openid == auth.openid', {})).toBe(false);
  });

  it.each([
    '',
    'doc.',
    'doc ==',
    'eval("1")',
    'process.exit()',
    'doc._openid = auth.openid',
    'doc._openid == auth.openid)',
    '(true',
    'doc[0]',
    'a.b',
    '`x`',
    'doc._openid === auth.openid',
  ])('refuses %j with a RuleSyntaxError', (rule) => {
    expect(() => parseRule(rule)).toThrow(RuleSyntaxError);
  });

  it('never throws anything but RuleSyntaxError, and evaluation never throws, on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), fc.anything(), (text, doc) => {
        let tree;
        try {
          tree = parseRule(text);
        } catch (error) {
          expect(error).toBeInstanceOf(RuleSyntaxError);
          return;
        }
        expect(typeof evaluateRule(tree, scope(doc, 'o1'))).toBe('boolean');
      }),
      { numRuns: 2000 },
    );
  });
});
