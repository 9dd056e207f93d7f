/**
 * The custom components a page uses (`usingComponents` in its .json, and theirs in turn), read for
 * the WXML engine: each component's template, its properties (types and defaults) and its initial
 * data, from its own WXML and from running its code once with a `Component` that only records the
 * definition. The engine registers them, so the page renders as on a phone: properties bound from
 * the page, the component's own template, slots. The component's methods and lifetimes do not run
 * (they may need a `wx` of their own): its own event bindings are left out, so only the page's
 * handlers can be tapped, including those on what the page puts into the component's slots.
 */
import { buildSync } from 'esbuild';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';

/** A type named as the engine's own vm knows it (constructors do not cross between contexts). */
type TypeName = 'String' | 'Number' | 'Boolean' | 'Object' | 'Array' | null;

export interface ComponentSpec {
  /** Identifies this version of the component (its files' content) for the engine's registrations. */
  key: string;
  template: string;
  properties: Record<string, { type: TypeName; value?: unknown }>;
  data: Record<string, unknown>;
  options: { multipleSlots?: boolean };
  externalClasses: string[];
  usingComponents: Record<string, ComponentSpec>;
  /** The component's WXSS, if it has one. */
  wxss: string;
}

const cache = new Map<string, ComponentSpec | undefined>();
/** Event bindings in a component's own template: they call the component's methods, which do not run here. */
const OWN_BINDING = /\s(?:capture-)?(?:bind|catch|mut-bind):?[A-Za-z][\w-]*\s*=\s*("[^"]*"|'[^']*')/g;
const TYPE_NAMES: readonly string[] = ['String', 'Number', 'Boolean', 'Object', 'Array'];

/** A property type by name (the component's code ran in a context of its own, with its own constructors). */
function typeName(declared: unknown): TypeName | undefined {
  if (declared === null) return null;
  const name = typeof declared === 'function' ? declared.name : undefined;
  return name !== undefined && TYPE_NAMES.includes(name) ? (name as TypeName) : undefined;
}

/** The components the page (or component) at `route` uses, by tag; those that cannot be found are left out. */
export function usedComponents(root: string, route: string, seen: string[] = []): Record<string, ComponentSpec> {
  const json = readJson(path.join(root, `${route}.json`));
  const using = (json.usingComponents ?? {}) as Record<string, unknown>;
  const specs: Record<string, ComponentSpec> = {};
  for (const [tag, target] of Object.entries(using)) {
    if (typeof target !== 'string' || /^[a-z]+:\/\//.test(target)) continue; // plugin:// and the like
    const found = resolveComponent(root, path.dirname(path.join(root, route)), target);
    if (!found || seen.includes(found)) continue;
    const spec = componentSpec(root, found, [...seen, found]);
    if (spec) specs[tag] = spec;
  }
  return specs;
}

/** The WXSS of `components` and of those they use, each once. */
export function componentStyles(components: Record<string, ComponentSpec>): string[] {
  const styles = new Map<string, string>();
  const visit = (specs: Record<string, ComponentSpec>) => {
    for (const spec of Object.values(specs)) {
      if (styles.has(spec.key)) continue;
      styles.set(spec.key, spec.wxss);
      visit(spec.usingComponents);
    }
  };
  visit(components);
  return [...styles.values()].filter(Boolean);
}

/** `/components/x/x`, or relative to the user's folder; also `…/index` of a folder. */
function resolveComponent(root: string, fromDir: string, target: string): string | undefined {
  const base = target.startsWith('/') ? path.join(root, target) : path.resolve(fromDir, target);
  for (const candidate of [base, path.join(base, 'index')]) {
    const relative = path.relative(root, candidate);
    if (relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
    if (existsSync(`${candidate}.wxml`)) return relative.split(path.sep).join('/');
  }
  return undefined;
}

function componentSpec(root: string, route: string, seen: string[]): ComponentSpec | undefined {
  const files = ['wxml', 'json', 'wxss', 'ts', 'js'].map((ext) => path.join(root, `${route}.${ext}`));
  const hash = createHash('sha1');
  for (const file of files) if (existsSync(file)) hash.update(file).update(readFileSync(file));
  const key = `${route}@${hash.digest('hex').slice(0, 12)}`;
  if (!cache.has(key)) cache.set(key, readComponent(root, route, key, seen));
  return cache.get(key);
}

function readComponent(root: string, route: string, key: string, seen: string[]): ComponentSpec {
  const file = (ext: string) => path.join(root, `${route}.${ext}`);
  const definition = recordedDefinition([file('ts'), file('js')].find((candidate) => existsSync(candidate)));
  const options = (definition.options ?? {}) as { multipleSlots?: unknown };
  return {
    key,
    template: readFileSync(file('wxml'), 'utf8').replace(OWN_BINDING, ''),
    properties: propertiesOf(definition.properties),
    data: (plain(definition.data) ?? {}) as Record<string, unknown>,
    options: options.multipleSlots ? { multipleSlots: true } : {},
    externalClasses: Array.isArray(definition.externalClasses) ? definition.externalClasses.map(String) : [],
    usingComponents: usedComponents(root, route, seen),
    wxss: existsSync(file('wxss')) ? readFileSync(file('wxss'), 'utf8') : '',
  };
}

/** What the component's code gives `Component(...)`, or nothing when it cannot run here. */
function recordedDefinition(entry: string | undefined): Record<string, unknown> {
  if (!entry) return {};
  let recorded: Record<string, unknown> = {};
  try {
    const { outputFiles } = buildSync({
      entryPoints: [entry],
      bundle: true,
      format: 'cjs',
      platform: 'neutral',
      target: 'es2020',
      write: false,
      logLevel: 'silent',
    });
    const inert = new Proxy(() => undefined, { get: () => inert, apply: () => undefined });
    const context = vm.createContext({
      Component: (definition: Record<string, unknown>) => void (recorded = definition),
      Behavior: (definition: unknown) => definition,
      wx: inert,
      getApp: () => ({ globalData: {} }),
      console: { log() {}, info() {}, warn() {}, error() {}, debug() {} },
      module: { exports: {} },
      exports: {},
    });
    vm.runInContext(outputFiles[0]?.text ?? '', context, { filename: entry, timeout: 1000 });
  } catch {
    // a component whose code needs more than its definition still renders its template
  }
  return recorded;
}

function propertiesOf(value: unknown): ComponentSpec['properties'] {
  const properties: ComponentSpec['properties'] = {};
  for (const [name, declared] of Object.entries((value ?? {}) as Record<string, unknown>)) {
    const shorthand = typeName(declared);
    if (shorthand !== undefined) properties[name] = { type: shorthand };
    else if (declared && typeof declared === 'object') {
      const { type, value: initial } = declared as { type?: unknown; value?: unknown };
      properties[name] = { type: typeName(type) ?? null, ...(initial === undefined ? {} : { value: plain(initial) }) };
    }
  }
  return properties;
}

/** `value` as JSON would carry it into the engine's context (undefined when it cannot be). */
function plain(value: unknown): unknown {
  try {
    return value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as unknown);
  } catch {
    return undefined;
  }
}

function readJson(file: string): Record<string, unknown> {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
}
