/**
 * What a custom component's `Component({...})` call declares, put in one shape for the phone's component
 * instances (component-instance.ts): properties with their types, defaults and `observer`, data, methods,
 * lifetimes (top-level and in `lifetimes`, those in `lifetimes` winning as in WeChat), `pageLifetimes`
 * and `observers`, with its `behaviors` merged in first. The code ran in the app's own vm context, so
 * types are known by name.
 */

type AnyRecord = Record<string, unknown>;
export type Method = (...args: unknown[]) => unknown;
export type TypeName = 'String' | 'Number' | 'Boolean' | 'Object' | 'Array' | null;

export interface PropertyDefinition {
  type: TypeName;
  value: unknown;
  observer?: Method | string;
}

export interface ComponentDefinition {
  properties: Record<string, PropertyDefinition>;
  data: AnyRecord;
  methods: Record<string, Method>;
  /** Every function to run for each lifetime, behaviors' first. */
  lifetimes: Record<string, Method[]>;
  /** `pageLifetimes` (`show`, `hide`) likewise. */
  pageLifetimes: Record<string, Method[]>;
  /** `observers`: the fields each watches (`a, b.c`, `list[0]`, `**`) and the function given their values. */
  observers: Array<{ fields: string[]; run: Method }>;
}

const LIFETIMES = ['created', 'attached', 'ready', 'moved', 'detached', 'error'];
const TYPE_NAMES: readonly string[] = ['String', 'Number', 'Boolean', 'Object', 'Array'];
/** Behaviors nested deeper than this are left out (a behavior listing itself would never end). */
const MAX_BEHAVIOR_DEPTH = 8;

/** A property type by name (the component's code ran in a context of its own, with its own constructors). */
export function typeName(declared: unknown): TypeName | undefined {
  if (declared === null) return null;
  const name = typeof declared === 'function' ? declared.name : undefined;
  return name !== undefined && TYPE_NAMES.includes(name) ? (name as TypeName) : undefined;
}

/** What a property of `type` holds when nothing sets it. */
export function typeDefault(type: TypeName): unknown {
  const defaults: Record<string, unknown> = { String: '', Number: 0, Boolean: false, Array: [] };
  return type === null ? null : (defaults[type] ?? null);
}

function record(value: unknown): AnyRecord {
  return value && typeof value === 'object' ? (value as AnyRecord) : {};
}

function functions(value: unknown): Record<string, Method> {
  return Object.fromEntries(Object.entries(record(value)).filter(([, fn]) => typeof fn === 'function')) as Record<
    string,
    Method
  >;
}

function propertiesOf(value: unknown): Record<string, PropertyDefinition> {
  const properties: Record<string, PropertyDefinition> = {};
  for (const [name, declared] of Object.entries(record(value))) {
    const shorthand = typeName(declared);
    if (shorthand !== undefined) properties[name] = { type: shorthand, value: typeDefault(shorthand) };
    else if (declared && typeof declared === 'object') {
      const { type, value: initial, observer } = declared as AnyRecord;
      const known = typeName(type) ?? null;
      properties[name] = {
        type: known,
        value: initial === undefined ? typeDefault(known) : initial,
        ...(typeof observer === 'function' || typeof observer === 'string' ? { observer: observer as Method } : {}),
      };
    }
  }
  return properties;
}

/** `definition` (what the code gave `Component()`) with its behaviors, in the shape the phone uses. */
export function componentDefinition(definition: unknown, depth = 0): ComponentDefinition {
  const own = record(definition);
  const merged: ComponentDefinition = {
    properties: {},
    data: {},
    methods: {},
    lifetimes: {},
    pageLifetimes: {},
    observers: [],
  };
  const behaviors = Array.isArray(own.behaviors) && depth < MAX_BEHAVIOR_DEPTH ? own.behaviors : [];
  for (const behavior of behaviors) {
    if (!behavior || typeof behavior !== 'object') continue; // wx:// built-in behaviors are names
    mergeInto(merged, componentDefinition(behavior, depth + 1));
  }
  const top = functions(own);
  const nested = functions(own.lifetimes);
  const lifetimes: Record<string, Method[]> = {};
  for (const name of LIFETIMES) {
    const run = nested[name] ?? top[name];
    if (run) lifetimes[name] = [run];
  }
  mergeInto(merged, {
    properties: propertiesOf(own.properties),
    data: structuredCloneOrEmpty(own.data),
    methods: functions(own.methods),
    lifetimes,
    pageLifetimes: Object.fromEntries(Object.entries(functions(own.pageLifetimes)).map(([name, run]) => [name, [run]])),
    observers: Object.entries(functions(own.observers)).map(([fields, run]) => ({
      fields: fields.split(',').map((field) => field.trim()),
      run,
    })),
  });
  return merged;
}

function mergeInto(target: ComponentDefinition, source: ComponentDefinition): void {
  Object.assign(target.properties, source.properties);
  Object.assign(target.data, source.data);
  Object.assign(target.methods, source.methods);
  for (const [name, runs] of Object.entries(source.lifetimes))
    target.lifetimes[name] = [...(target.lifetimes[name] ?? []), ...runs];
  for (const [name, runs] of Object.entries(source.pageLifetimes))
    target.pageLifetimes[name] = [...(target.pageLifetimes[name] ?? []), ...runs];
  target.observers.push(...source.observers);
}

/** A copy of the component's initial data, so its instances never share it (functions left out). */
function structuredCloneOrEmpty(value: unknown): AnyRecord {
  try {
    return value && typeof value === 'object' ? (JSON.parse(JSON.stringify(value)) as AnyRecord) : {};
  } catch {
    return {};
  }
}
