/**
 * setData's data paths, as the base library takes them (`a.b`, `list[0].c`), for pages and components alike: setting
 * a path creates what it goes through (an array before an index), and values are copied so that what a page or
 * component keeps is never shared with what the caller goes on changing.
 */

type AnyRecord = Record<string, unknown>;

/**
 * A copy of plain objects and arrays, other values as they are: functions put in data stay in `this.data` (Vant's
 * dialog keeps its callback there), as on a phone, where only the screen leaves them out.
 */
export function copyData(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copyData);
  if (!value || typeof value !== 'object' || Object.getPrototypeOf(value)?.constructor?.name !== 'Object') return value;
  return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, copyData(entry)]));
}

/** `a.b[0].c` as its steps: `a`, `b`, 0, `c`. */
export function pathSteps(path: string): Array<string | number> {
  const steps: Array<string | number> = [];
  for (const match of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g))
    steps.push(match[2] !== undefined ? +match[2] : match[1]!);
  return steps;
}

export function rootField(path: string): string {
  return String(pathSteps(path)[0] ?? path);
}

export function setPath(target: AnyRecord, path: string, value: unknown): void {
  const steps = pathSteps(path);
  let at: AnyRecord = target;
  steps.slice(0, -1).forEach((step, index) => {
    const next = at[step];
    if (!next || typeof next !== 'object') at[step] = typeof steps[index + 1] === 'number' ? [] : {};
    at = at[step] as AnyRecord;
  });
  const last = steps[steps.length - 1];
  if (last !== undefined) at[last] = value;
}

export function getPath(source: AnyRecord, path: string): unknown {
  let at: unknown = source;
  for (const step of pathSteps(path)) at = at && typeof at === 'object' ? (at as AnyRecord)[step] : undefined;
  return at;
}
