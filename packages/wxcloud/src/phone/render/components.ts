/**
 * The custom components a page uses (`usingComponents` in its .json, and theirs in turn), read for
 * the phone: each component's template, WXSS and compiled code (which the phone runs in the app's
 * context, compose.ts), and its properties (types and defaults) and initial data, from running its
 * code once with a `Component` that only records the definition (`inertLoader`: what a page that is
 * not on a phone uses).
 */
import { buildSync } from 'esbuild';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { MODULE_BUILD } from '../compile';
import { typeName, type TypeName } from './component-definition';
import { prepareTemplate } from './prepare-template';

export interface ComponentSpec {
  /** Identifies this version of the component (its files' content) for the engine's registrations. */
  key: string;
  /** Its path in the mini-program (`components/badge/badge`), what `this.is` says. */
  route: string;
  template: string;
  /** Its code compiled to CommonJS, run once per launch in the phone's app context. */
  code: string;
  properties: Record<string, { type: TypeName; value?: unknown }>;
  data: Record<string, unknown>;
  options: { multipleSlots?: boolean };
  externalClasses: string[];
  usingComponents: Record<string, ComponentSpec>;
  /** The component's WXSS, if it has one. */
  wxss: string;
}

/** Runs a component's code in the phone's app context (app-context.ts): what it gives `Component()`. */
export interface ComponentLoader {
  load(spec: ComponentSpec): unknown;
  /** A component's lifetime or observer threw: the app's console shows it, as DevTools does. */
  report(error: unknown): void;
}

const cache = new Map<string, ComponentSpec | undefined>();

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
  const code = compiled([file('ts'), file('js')].find((candidate) => existsSync(candidate)));
  const definition = recordedDefinition(code, route);
  const options = (definition.options ?? {}) as { multipleSlots?: unknown };
  return {
    key,
    route,
    code,
    template: prepareTemplate(readFileSync(file('wxml'), 'utf8'), file('wxml'), root),
    properties: propertiesOf(definition.properties),
    data: (plain(definition.data) ?? {}) as Record<string, unknown>,
    options: options.multipleSlots ? { multipleSlots: true } : {},
    externalClasses: Array.isArray(definition.externalClasses) ? definition.externalClasses.map(String) : [],
    usingComponents: usedComponents(root, route, seen),
    wxss: existsSync(file('wxss')) ? readFileSync(file('wxss'), 'utf8') : '',
  };
}

/** The component's code as CommonJS ('' when it has none or it does not compile). */
function compiled(entry: string | undefined): string {
  if (!entry) return '';
  try {
    const { outputFiles } = buildSync({ entryPoints: [entry], ...MODULE_BUILD });
    return outputFiles[0]?.text ?? '';
  } catch {
    return '';
  }
}

/** Runs a component's code on its own, with a `wx` that does nothing: for a page that is not on a phone. */
export const inertLoader: ComponentLoader = {
  load: (spec) => recordedDefinition(spec.code, spec.route),
  report: () => undefined,
};

/** What the component's code gives `Component(...)`, or nothing when it cannot run here. */
function recordedDefinition(code: string, route: string): Record<string, unknown> {
  let recorded: Record<string, unknown> = {};
  try {
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
    vm.runInContext(code, context, { filename: `${route}.js`, timeout: 1000 });
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
