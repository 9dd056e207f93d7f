/**
 * The expression language of CloudBase database security rules, the part this project needs:
 * `doc.<path>`, `auth.openid` (any `auth.<path>`), string / number / true / false / null literals,
 * `==`, `!=`, `!`, `&&`, `||` and parentheses. Parsed once into a tree by a small recursive-descent
 * parser and evaluated over plain data: no `eval`, no `Function`, no access to anything but the
 * own properties of `doc` and `auth` (so `doc.__proto__` or `doc.constructor` are simply absent).
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
  constructor(message: string, readonly source: string) {
    super(`${message} in rule "${source}"`);
    this.name = 'RuleSyntaxError';
  }
}

/** Longest rule text accepted: rules are short; a limit keeps a bad file from costing much. */
export const MAX_RULE_LENGTH = 2000;

type Token = { kind: 'op'; text: string } | { kind: 'ident'; text: string } | { kind: 'string'; text: string } | { kind: 'number'; value: number };

const TOKEN = /\s*(?:(==|!=|&&|\|\||[!().])|([A-Za-z_$][A-Za-z0-9_$]*)|'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"|(-?\d+(?:\.\d+)?))/y;

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
    else if (single !== undefined || double !== undefined) tokens.push({ kind: 'string', text: unescape(single ?? double ?? '') });
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
  if (rule.length > MAX_RULE_LENGTH) throw new RuleSyntaxError(`longer than ${MAX_RULE_LENGTH} characters`, rule.slice(0, 40));
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
    if (name !== 'doc' && name !== 'auth') throw new RuleSyntaxError(`unknown name "${name}" (supported: doc, auth)`, rule);
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

/** Evaluates a parsed rule; the result counts as allowed only when it is exactly `true`. */
export function evaluateRule(node: RuleNode, scope: RuleScope): boolean {
  return evaluate(node, scope) === true;
}

function evaluate(node: RuleNode, scope: RuleScope): unknown {
  switch (node.type) {
    case 'literal':
      return node.value;
    case 'path':
      return node.keys.reduce<unknown>((value, key) => ownValue(value, key), scope[node.root]);
    case 'not':
      return evaluate(node.operand, scope) !== true;
    case 'binary':
      return binaryValue(node, scope);
  }
}

function binaryValue(node: Extract<RuleNode, { type: 'binary' }>, scope: RuleScope): boolean {
  switch (node.operator) {
    case '&&':
      return evaluate(node.left, scope) === true && evaluate(node.right, scope) === true;
    case '||':
      return evaluate(node.left, scope) === true || evaluate(node.right, scope) === true;
    case '==':
      return sameValue(evaluate(node.left, scope), evaluate(node.right, scope));
    case '!=':
      return !sameValue(evaluate(node.left, scope), evaluate(node.right, scope));
  }
}

/** Only scalars compare equal; a missing field equals nothing (not even another missing one). */
function sameValue(left: unknown, right: unknown): boolean {
  if (left === undefined || right === undefined) return false;
  if (left instanceof Date && right instanceof Date) return left.getTime() === right.getTime();
  if (typeof left === 'object' && left !== null) return false;
  return left === right;
}

function ownValue(value: unknown, key: string): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  return Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;
}
