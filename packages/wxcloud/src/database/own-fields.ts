/**
 * Update operators applied by mingo, seeing a document's own fields only. mingo walks paths with
 * `obj[key]`, so a field named like a member of Object.prototype (`constructor`, `valueOf`,
 * `hasOwnProperty`, `toString`...) that a document lacks looks present: `$set` of
 * `hasOwnProperty.y` did nothing (`updated: 0`) and `$rename` to `constructor.x` dropped the value.
 * Here the document is worked on as null-prototype objects, with the objects a creating operator
 * needs along its paths made beforehand (MongoDB creates them too), then turned back into plain
 * objects.
 */
import { isPlainObject } from '../ejson';
import { updateInPlace } from './mingo/context';

type Operators = Record<string, unknown>;

/** Operators that create the fields along their paths; `$rename` creates its target's. */
const CREATING = new Set([
  '$set',
  '$inc',
  '$mul',
  '$min',
  '$max',
  '$push',
  '$addToSet',
  '$currentDate',
  '$setOnInsert',
]);

/** Applies `operators` to `target` in place (the caller owns it); `filter` resolves the positional `$`. */
export function updateOwnFields(
  target: Record<string, unknown>,
  operators: Operators,
  filter?: Record<string, unknown>,
): void {
  const working = toNullPrototype(target) as Record<string, unknown>;
  for (const path of creatingPaths(operators)) makeParents(working, path);
  updateInPlace(working, operators, filter);
  for (const key of Object.keys(target)) delete target[key];
  Object.assign(target, toPlain(working));
}

function creatingPaths(operators: Operators): string[] {
  const paths: string[] = [];
  for (const [operator, spec] of Object.entries(operators)) {
    if (!isPlainObject(spec)) continue;
    if (CREATING.has(operator)) paths.push(...Object.keys(spec));
    if (operator === '$rename') paths.push(...Object.values(spec).filter((to): to is string => typeof to === 'string'));
  }
  return paths;
}

/** Creates missing objects along `path` (not its last field), stopping at positional or array segments. */
function makeParents(doc: Record<string, unknown>, path: string): void {
  let current = doc;
  for (const segment of path.split('.').slice(0, -1)) {
    if (segment.startsWith('$') || /^\d+$/.test(segment)) return;
    if (!Object.prototype.hasOwnProperty.call(current, segment))
      current[segment] = Object.create(null) as Record<string, unknown>;
    const next = current[segment];
    if (!isPlainObject(next)) return;
    current = next;
  }
}

function toNullPrototype(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toNullPrototype);
  if (!isPlainObject(value)) return value;
  const result = Object.create(null) as Record<string, unknown>;
  for (const [key, item] of Object.entries(value)) result[key] = toNullPrototype(item);
  return result;
}

function toPlain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toPlain);
  if (!isPlainObject(value)) return value;
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) result[key] = toPlain(item);
  return result;
}
