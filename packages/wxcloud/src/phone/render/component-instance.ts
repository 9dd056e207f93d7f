/**
 * One custom component shown on a simulated phone, as the component's methods see it (`this`): its
 * `data` (also `properties`), `setData` (paths such as `a.b` and `list[0].c` too), `triggerEvent`,
 * `selectComponent('#id')`, `getRelationNodes` (always none), its methods, `id`, `dataset` and `is`.
 * Property values come from the element that shows it (compose.ts), typed as declared; property
 * `observer`s and `observers` run when what they watch changes. Lifetimes are run by compose.ts,
 * which knows when it is shown.
 */
import { copyData, getPath, rootField, setPath } from '../data-paths';
import { typeDefault, type ComponentDefinition, type Method, type PropertyDefinition } from './component-definition';

type AnyRecord = Record<string, unknown>;

/** What an instance needs from the page it is shown on (compose.ts). */
export interface ComponentHost {
  /** The component's data changed: the page shows it again. */
  changed(): void;
  /** Calls the handler its owner bound to `name` on the component's element (`bind:name` / `bindname`). */
  emit(instance: ComponentInstance, name: string, detail: unknown): void;
  /** The components shown inside this one's template. */
  children(instance: ComponentInstance): ComponentInstance[];
  /** A lifetime or observer that threw (the app's console shows it, as DevTools does). */
  report(error: unknown): void;
}

export class ComponentInstance {
  [method: string]: unknown;
  data: AnyRecord;
  id = '';
  dataset: AnyRecord = {};
  /** Property values last given by the element, to notice when the owner's data changes them. */
  private readonly given = new Map<string, string>();

  constructor(
    readonly is: string,
    private readonly definition: ComponentDefinition,
    private readonly host: ComponentHost,
  ) {
    const defaults = Object.entries(definition.properties).map(([name, { value }]) => [name, value]);
    this.data = copyData({ ...definition.data, ...Object.fromEntries(defaults) }) as AnyRecord;
    for (const [name, method] of Object.entries(definition.methods)) this[name] = method;
  }

  get properties(): AnyRecord {
    return this.data;
  }

  setData(patch: AnyRecord): void {
    const before = new Map<string, unknown>();
    for (const [path, value] of Object.entries(patch ?? {})) {
      const root = rootField(path);
      if (!before.has(root)) before.set(root, copyData(this.data[root]));
      setPath(this.data, path, copyData(value));
    }
    this.afterChange(before);
    this.host.changed();
  }

  triggerEvent(name: string, detail?: unknown): void {
    this.host.emit(this, name, detail === undefined ? {} : detail);
  }

  selectComponent(selector: string): ComponentInstance | null {
    return this.selectAllComponents(selector)[0] ?? null;
  }

  selectAllComponents(selector: string): ComponentInstance[] {
    const id = selector.startsWith('#') ? selector.slice(1) : undefined;
    return this.host.children(this).filter((child) => id !== undefined && child.id === id);
  }

  /** Components linked by `relations`, which the phone does not link: none. */
  getRelationNodes(): ComponentInstance[] {
    return [];
  }

  /** Runs the component's `pageLifetimes` function for `name` (`show`, `hide`), if it has one. */
  pageLifetime(name: string): void {
    for (const run of this.definition.pageLifetimes[name] ?? []) this.safely(run, []);
  }

  /** Runs every function of a lifetime (`attached` …); one that throws is reported, the others still run. */
  lifetime(name: string): void {
    for (const run of this.definition.lifetimes[name] ?? []) this.safely(run, []);
  }

  /** The element's attributes that are properties of this component, typed; observers run for those that changed. */
  applyProperties(attributes: AnyRecord): void {
    const before = new Map<string, unknown>();
    for (const [name, given] of Object.entries(attributes)) {
      const declared = this.definition.properties[name];
      if (!declared) continue;
      const value = typed(declared, given);
      const text = JSON.stringify(value) ?? 'undefined';
      if (this.given.get(name) === text) continue; // unchanged since the last render: setData may have changed it
      this.given.set(name, text);
      if (JSON.stringify(this.data[name]) === text) continue;
      before.set(name, this.data[name]);
      this.data[name] = value;
    }
    if (before.size) this.afterChange(before);
  }

  /** Whether `name` is a property of this component (given as `name` or `kebab-name` on its element). */
  isProperty(name: string): boolean {
    return name in this.definition.properties;
  }

  private afterChange(before: Map<string, unknown>): void {
    for (const [name, old] of before) {
      const observer = this.definition.properties[name]?.observer;
      const run = typeof observer === 'string' ? this[observer] : observer;
      if (typeof run === 'function') this.safely(run as Method, [this.data[name], old]);
    }
    for (const { fields, run } of this.definition.observers) {
      if (fields.some((field) => field === '**' || before.has(rootField(field))))
        this.safely(
          run,
          fields.map((field) => getPath(this.data, field.replace(/\.\*\*$/, ''))),
        );
    }
  }

  private safely(run: Method, args: unknown[]): void {
    try {
      run.apply(this, args);
    } catch (error) {
      this.host.report(error);
    }
  }
}

/** A value given to a property, as its type makes it (WeChat converts them the same way). */
function typed(declared: PropertyDefinition, value: unknown): unknown {
  if (value === undefined || value === null) return copyData(declared.type ? declared.value : value);
  switch (declared.type) {
    case 'String':
      return typeof value === 'object' ? JSON.stringify(value) : String(value as string);
    case 'Number': {
      const number = Number(value);
      return Number.isNaN(number) ? typeDefault('Number') : number;
    }
    case 'Boolean':
      return Boolean(value);
    default:
      return value;
  }
}
