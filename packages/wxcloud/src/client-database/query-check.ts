/**
 * The service's check of a client query, before it runs: the query's conditions must imply the
 * collection's rule ("查询条件必须是安全规则的子集"), whatever documents it would match. So the
 * answer never depends on other users' data: `where({ unionid: X })` is refused under
 * `doc._openid == auth.openid` whether or not someone has that unionid.
 *
 * What a query tells about a field: `field: value`, `field: { $eq: value }` and a one-value `$in`
 * pin it; `$ne` excludes a value; `$and` joins conditions; `$or` must imply the rule in every
 * branch. Anything else narrows the match but proves nothing, so it is ignored (never trusted).
 * The string `'{openid}'` is the caller's openid, as the service substitutes it.
 *
 * @example
 *   queryImpliesRule(parseRule('doc._openid == auth.openid'), { _openid: '{openid}' }, { openid: 'o1' }); // true
 */
import { evaluateOver, type DocField, type RuleNode, type RuleScope } from './expression';

/** The service's placeholder for the caller's identity inside a query. */
export const OPENID_PLACEHOLDER = '{openid}';
/** Most `$or` branches a query may spread into before it is refused unproven. */
const MAX_BRANCHES = 64;

type Facts = Map<string, { equals?: unknown[]; excludes: unknown[] }>;

export function queryImpliesRule(rule: RuleNode, query: Record<string, unknown>, auth: RuleScope['auth']): boolean {
  const branches = branchesOf(substituteOpenid(query, auth) as Record<string, unknown>, [new Map()]);
  if (!branches || branches.length === 0) return false;
  return branches.every((facts) => evaluateOver(rule, (keys) => lookup(facts, keys.join('.')), auth) === true);
}

/** Replaces every string `'{openid}'` with the caller's openid (or null without one). */
export function substituteOpenid(value: unknown, auth: RuleScope['auth']): unknown {
  if (value === OPENID_PLACEHOLDER) return auth?.openid ?? null;
  if (Array.isArray(value)) return value.map((item) => substituteOpenid(item, auth));
  if (!isPlain(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, substituteOpenid(item, auth)]));
}

function lookup(facts: Facts, path: string): DocField {
  const fact = facts.get(path);
  if (fact?.equals && fact.equals.length > 0) return { known: true, value: fact.equals[0] };
  return { known: false, excludes: fact?.excludes ?? [] };
}

/** Every conjunction of conditions the query stands for; undefined when there are too many. */
function branchesOf(query: Record<string, unknown>, start: Facts[]): Facts[] | undefined {
  let branches: Facts[] | undefined = start;
  for (const [key, value] of Object.entries(query)) {
    if (!branches) return undefined;
    if (key === '$and' && Array.isArray(value)) {
      for (const part of value) if (isPlain(part) && branches) branches = branchesOf(part, branches);
    } else if (key === '$or' && Array.isArray(value)) {
      branches = spread(branches, value);
    } else if (!key.startsWith('$')) {
      branches = branches.map((facts) => withField(facts, key, value));
    }
  }
  return branches && branches.length <= MAX_BRANCHES ? branches : undefined;
}

function spread(branches: Facts[], alternatives: unknown[]): Facts[] | undefined {
  const out: Facts[] = [];
  for (const alternative of alternatives) {
    if (!isPlain(alternative)) return undefined;
    const more = branchesOf(alternative, branches);
    if (!more || out.length + more.length > MAX_BRANCHES) return undefined;
    out.push(...more);
  }
  return out;
}

function withField(facts: Facts, path: string, condition: unknown): Facts {
  const next: Facts = new Map(
    [...facts].map(([key, fact]) => [key, { equals: fact.equals && [...fact.equals], excludes: [...fact.excludes] }]),
  );
  const fact = next.get(path) ?? { excludes: [] };
  const pin = (value: unknown) => (fact.equals ??= []).push(value);
  if (isScalar(condition)) pin(condition);
  else if (isPlain(condition) && Object.keys(condition).every((key) => key.startsWith('$'))) {
    if (isScalar(condition.$eq)) pin(condition.$eq);
    if (Array.isArray(condition.$in) && condition.$in.length === 1 && isScalar(condition.$in[0])) pin(condition.$in[0]);
    if (isScalar(condition.$ne)) fact.excludes.push(condition.$ne);
  }
  next.set(path, fact);
  return next;
}

function isScalar(value: unknown): boolean {
  return value === null || value instanceof Date || ['string', 'number', 'boolean'].includes(typeof value);
}

function isPlain(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}
