/**
 * The expression language of CloudBase database security rules, the part this project needs:
 * `doc.<path>`, `auth.openid` (any `auth.<path>`), string / number / true / false / null literals,
 * `==`, `!=`, `!`, `&&`, `||` and parentheses. A missing field compares as null, as in the service;
 * a caller with no identity makes every comparison with `auth` false (so `auth.openid != null`
 * keeps anonymous callers out). The same evaluator checks a query before it runs (evaluateOver). Parsed once into a
 * tree by a small recursive-descent parser and evaluated over plain data: no `eval`, no `Function`, no access to
 * anything but the own properties of `doc` and `auth` (so `doc.__proto__` or `doc.constructor` are simply absent).
 *
 * @example
 *   const rule = parseRule('doc._openid == auth.openid');
 *   evaluateRule(rule, { doc: { _openid: 'o1' }, auth: { openid: 'o1' } }); // true
 */

export type RuleNode =
  | { type: 'literal'; value: string | number | boolean | null }
  | { type: 'path'; root: 'doc' | 'auth'; keys: string[] }
  | { type: 'not'; operand: RuleNode }
  | { type: 'binary'; operator: '==' | '!=' | '&&' | '||'; left: RuleNode; right: RuleNode };

export interface RuleScope {
  doc: unknown;
  /** null when the caller has no identity. */
  auth: { openid?: string } | null;
}

export class RuleSyntaxError extends Error {
  constructor(
    message: string,
    readonly source: string,
  ) {
    super(`${message} in rule "${source}"`);
    this.name = 'RuleSyntaxError';
  }
}

/** Longest rule text accepted: rules are short; a limit keeps a bad file from costing much. */
export const MAX_RULE_LENGTH = 2000;

type Token =
  | { kind: 'op'; text: string }
  | { kind: 'ident'; text: string }
  | { kind: 'string'; text: string }
  | { kind: 'number'; value: number };

const TOKEN =
  /\s*(?:(==|!=|&&|\|\||[!().])|([A-Za-z_$][A-Za-z0-9_$]*)|'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"|(-?\d+(?:\.\d+)?))/y;

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < source.length) {
    if (/^\s*$/.test(source.slice(TOKEN.lastIndex))) break;
    const at = TOKEN.lastIndex;
    const match = TOKEN.exec(source);
    if (!match) throw new RuleSyntaxError(`unexpected character at ${at}`, source);
    const [, op, ident, single, double, number] = match;
    if (op !== undefined) tokens.push({ kind: 'op', text: op });
    else if (ident !== undefined) tokens.push({ kind: 'ident', text: ident });
    else if (single !== undefined || double !== undefined)
      tokens.push({ kind: 'string', text: unescape(single ?? double ?? '') });
    else tokens.push({ kind: 'number', value: Number(number) });
  }
  return tokens;
}

function unescape(text: string): string {
  return text.replace(/\\(.)/g, '$1');
}

/** Parses a rule: `true` / `false` as booleans, or an expression string. */
export function parseRule(rule: string | boolean): RuleNode {
  if (typeof rule === 'boolean') return { type: 'literal', value: rule };
  if (rule.length > MAX_RULE_LENGTH)
    throw new RuleSyntaxError(`longer than ${MAX_RULE_LENGTH} characters`, rule.slice(0, 40));
  const tokens = tokenize(rule);
  let position = 0;
  const peek = () => tokens[position];
  const isOp = (text: string) => {
    const token = peek();
    return token?.kind === 'op' && token.text === text;
  };
  const expect = (text: string) => {
    if (!isOp(text)) throw new RuleSyntaxError(`expected "${text}"`, rule);
    position++;
  };

  const binary = (operators: Array<'==' | '!=' | '&&' | '||'>, next: () => RuleNode) => (): RuleNode => {
    let left = next();
    for (let op = operators.find(isOp); op; op = operators.find(isOp)) {
      position++;
      left = { type: 'binary', operator: op, left, right: next() };
    }
    return left;
  };
  const primary = (): RuleNode => {
    const token = tokens[position++];
    if (!token) throw new RuleSyntaxError('unexpected end', rule);
    if (token.kind === 'string') return { type: 'literal', value: token.text };
    if (token.kind === 'number') return { type: 'literal', value: token.value };
    if (token.kind === 'op' && token.text === '!') return { type: 'not', operand: primary() };
    if (token.kind === 'op' && token.text === '(') {
      const inner = or();
      expect(')');
      return inner;
    }
    if (token.kind === 'ident') return identifier(token.text);
    throw new RuleSyntaxError(`unexpected "${token.text}"`, rule);
  };
  const identifier = (name: string): RuleNode => {
    if (name === 'true' || name === 'false') return { type: 'literal', value: name === 'true' };
    if (name === 'null') return { type: 'literal', value: null };
    if (name !== 'doc' && name !== 'auth')
      throw new RuleSyntaxError(`unknown name "${name}" (supported: doc, auth)`, rule);
    const keys: string[] = [];
    while (isOp('.')) {
      position++;
      const key = tokens[position++];
      if (key?.kind !== 'ident') throw new RuleSyntaxError('expected a field name after "."', rule);
      keys.push(key.text);
    }
    return { type: 'path', root: name, keys };
  };
  const equality = binary(['==', '!='], primary);
  const and = binary(['&&'], equality);
  const or = binary(['||'], and);

  const tree = or();
  if (position < tokens.length) throw new RuleSyntaxError('unexpected trailing input', rule);
  return tree;
}

/**
 * What a rule can know about one `doc.<path>`: its value, or (checking a query before it runs)
 * nothing but the values the query excludes.
 */
export type DocField = { known: true; value: unknown } | { known: false; excludes: readonly unknown[] };

/** Looks a `doc` path up: in a stored document (always known) or in a query's conditions. */
export type DocLookup = (keys: readonly string[]) => DocField;

/** Three-valued: a rule over a query's conditions may be neither proven nor refuted. */
export type Verdict = boolean | 'unknown';

/** The identity of a caller who has none: never equal, nor unequal, to anything. */
const NO_IDENTITY = Symbol('no identity');
const UNKNOWN = Symbol('unknown');
type Value = unknown;
type Operand = { value: Value } | { unknown: readonly unknown[] };

/** Evaluates a parsed rule over a document; allowed only when the result is exactly `true`. */
export function evaluateRule(node: RuleNode, scope: RuleScope): boolean {
  const lookup: DocLookup = (keys) => ({
    known: true,
    value: keys.reduce<unknown>((value, key) => ownValue(value, key), scope.doc),
  });
  return evaluateOver(node, lookup, scope.auth) === true;
}

/**
 * Evaluates a rule where `doc` is known only through `lookup` (a query's conditions): true when
 * every document the lookup describes passes, false when none does, 'unknown' otherwise.
 */
export function evaluateOver(node: RuleNode, lookup: DocLookup, auth: RuleScope['auth']): Verdict {
  const truth = (operand: Operand): Verdict => ('unknown' in operand ? 'unknown' : operand.value === true);
  const visit = (current: RuleNode): Operand => {
    switch (current.type) {
      case 'literal':
        return { value: current.value };
      case 'path':
        return pathOperand(current, lookup, auth);
      case 'not':
        return fromVerdict(not(truth(visit(current.operand))));
      case 'binary':
        if (current.operator === '&&')
          return fromVerdict(and(truth(visit(current.left)), () => truth(visit(current.right))));
        if (current.operator === '||')
          return fromVerdict(or(truth(visit(current.left)), () => truth(visit(current.right))));
        return fromVerdict(compare(current.operator, visit(current.left), visit(current.right)));
    }
  };
  return truth(visit(node));
}

function pathOperand(node: Extract<RuleNode, { type: 'path' }>, lookup: DocLookup, auth: RuleScope['auth']): Operand {
  if (node.root === 'auth') {
    if (auth === null) return { value: NO_IDENTITY };
    return { value: node.keys.reduce<unknown>((value, key) => ownValue(value, key), auth) ?? null };
  }
  const field = lookup(node.keys);
  return field.known ? { value: field.value ?? null } : { unknown: field.excludes };
}

/** `==` and `!=`: a missing field is null (as in the service); nothing compares with no identity. */
function compare(operator: '==' | '!=', left: Operand, right: Operand): Verdict {
  if (isNoIdentity(left) || isNoIdentity(right)) return false;
  if ('unknown' in left || 'unknown' in right) {
    const [open, known] = 'unknown' in left ? [left, right] : [right, left];
    if (!('unknown' in open) || 'unknown' in known) return 'unknown';
    const excluded = open.unknown.some((value) => sameValue(value ?? null, known.value));
    return excluded ? operator === '!=' : 'unknown';
  }
  const same = sameValue(left.value, right.value);
  return operator === '==' ? same : !same;
}

function isNoIdentity(operand: Operand): boolean {
  return 'value' in operand && operand.value === NO_IDENTITY;
}

function fromVerdict(verdict: Verdict): Operand {
  return verdict === 'unknown' ? { unknown: [UNKNOWN] } : { value: verdict };
}

function not(verdict: Verdict): Verdict {
  return verdict === 'unknown' ? verdict : !verdict;
}

function and(left: Verdict, right: () => Verdict): Verdict {
  if (left === false) return false;
  const other = right();
  if (other === false) return false;
  return left === true && other === true ? true : 'unknown';
}

function or(left: Verdict, right: () => Verdict): Verdict {
  if (left === true) return true;
  const other = right();
  if (other === true) return true;
  return left === false && other === false ? false : 'unknown';
}

/** Only scalars compare equal (null equals null: a missing field is null). */
export function sameValue(left: unknown, right: unknown): boolean {
  if (left instanceof Date && right instanceof Date) return left.getTime() === right.getTime();
  if (typeof left === 'object' && left !== null) return false;
  return left === right;
}

export function ownValue(value: unknown, key: string): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  return Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;
}
