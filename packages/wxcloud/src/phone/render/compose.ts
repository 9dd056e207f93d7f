/**
 * A page with its custom components, as the phone shows it: the page's WXML is rendered with the
 * component elements left as they are (their attributes and content), then each component renders its
 * own template with its own data into its element, the element's content going to its `<slot>`s. Each
 * component is an instance (component-instance.ts) kept across renders, known by its place in the
 * tree and its `id`: `created` and `attached` run when it first shows, `ready` once the page rendered,
 * `detached` when it is gone. Bindings in a component's template call its methods: their handler is
 * written `tag#n.method` (the n-th such component on the page), which is what taps list and tap.
 */
import type { ComponentLoader, ComponentSpec } from './components';
import { componentDefinition } from './component-definition';
import { ComponentInstance, type ComponentHost } from './component-instance';
import { elementDataset, renderWxml, type RenderedElement, type RenderedNode } from './wxml-engine';

type AnyRecord = Record<string, unknown>;
/** A page as composing it needs: its data, and setData to show a component's change (pages of a phone have it). */
export type ComposedPage = { route: string; data: AnyRecord; setData?: (patch: AnyRecord) => void } & AnyRecord;

interface Binding {
  owner: AnyRecord;
  events: RenderedElement['event'];
}

/** Who a part of the tree belongs to: the page, or a component (whose handlers it calls). */
interface Scope {
  specs: Record<string, ComponentSpec>;
  owner: AnyRecord;
  key: string;
  /** `tag#n` of the owning component; undefined for the page. */
  label?: string;
  /** How often each event and method was bound so far in the component's template (the second is `method(2)`). */
  bound?: Map<string, number>;
}

interface Pass {
  seen: Map<string, ComponentInstance>;
  fresh: ComponentInstance[];
  counts: Map<string, number>;
}

const MAX_PASSES = 4;
const loaders = new WeakMap<object, ComponentLoader>();
const composers = new WeakMap<object, PageComposer>();

/** Components on `page` run their code with `loader` (the phone's app context) instead of on their own. */
export function useComponentLoader(page: object, loader: ComponentLoader): void {
  loaders.set(page, loader);
}

/** The components shown on `page`, kept with it. */
export function pageComposer(page: ComposedPage, fallback: ComponentLoader): PageComposer {
  let composer = composers.get(page);
  if (!composer) {
    composer = new PageComposer(page, loaders.get(page) ?? fallback);
    composers.set(page, composer);
  }
  return composer;
}

export class PageComposer {
  private readonly instances = new Map<string, ComponentInstance>();
  private readonly bindings = new WeakMap<ComponentInstance, Binding>();
  private readonly parents = new WeakMap<ComponentInstance, ComponentInstance | undefined>();
  private readonly definitions = new Map<string, ReturnType<typeof componentDefinition>>();
  private readonly failed = new Set<string>();
  private composing = false;
  private dirty = false;
  private last: RenderedElement | undefined;
  /** What the last render was made of: the same page data, components and template render the same. */
  private lastKey = '';
  /** How many times a component's data changed. */
  private changes = 0;
  private readonly host: ComponentHost;

  constructor(
    private readonly page: ComposedPage,
    private readonly loader: ComponentLoader,
  ) {
    this.host = {
      changed: () => {
        this.changes += 1;
        if (this.composing) this.dirty = true;
        else this.page.setData?.({});
      },
      emit: (instance, name, detail) => this.emit(instance, name, detail),
      children: (instance) => this.childrenOf(instance),
      report: (error) => this.loader.report(error),
    };
  }

  /** The page's `template` with its components; a component's change while rendering renders it again. */
  render(template: string, specs: Record<string, ComponentSpec>): RenderedElement {
    if (this.composing) {
      this.dirty = true; // a handler of the page changed its data while its components render: render again
      return this.last ?? this.pass(template, specs).tree;
    }
    const key = () => [this.changes, JSON.stringify(this.page.data), ...Object.values(specs).map((spec) => spec.key)];
    if (this.last && this.lastKey === JSON.stringify([...key(), template])) return this.last;
    this.composing = true;
    try {
      let { tree, pass } = this.pass(template, specs);
      for (let round = 1; ; round += 1) {
        for (const [key, instance] of this.instances) {
          if (pass.seen.has(key)) continue;
          this.instances.delete(key);
          instance.lifetime('detached');
        }
        this.dirty = false;
        for (const instance of pass.fresh) instance.lifetime('ready');
        this.last = tree;
        this.lastKey = JSON.stringify([...key(), template]);
        if (!this.dirty || round >= MAX_PASSES) return tree;
        ({ tree, pass } = this.pass(template, specs));
      }
    } finally {
      this.composing = false;
    }
  }

  /** Calls a component's method for an event on an element of its template (a tap). */
  call(key: string, method: string, event: unknown): unknown {
    const instance = this.instances.get(key);
    const run = instance?.[method];
    if (!instance || typeof run !== 'function') throw new Error(`no component ${key} with a method "${method}"`);
    return (run as (event: unknown) => unknown).call(instance, event);
  }

  /** The page's `selectComponent('#id')`: a component its own template shows (slots included), else null. */
  select(selector: string): ComponentInstance | null {
    const id = selector.startsWith('#') ? selector.slice(1) : undefined;
    return this.childrenOf(undefined).find((child) => id !== undefined && child.id === id) ?? null;
  }

  private childrenOf(parent: ComponentInstance | undefined): ComponentInstance[] {
    return [...this.instances.values()].filter((child) => this.parents.get(child) === parent);
  }

  /** The page was shown again or hidden: its components' `pageLifetimes.show` / `hide` run. */
  pageLifetime(name: 'show' | 'hide'): void {
    for (const instance of this.instances.values()) instance.pageLifetime(name);
  }

  /** The page is gone: its components are detached. */
  detachAll(): void {
    for (const instance of this.instances.values()) instance.lifetime('detached');
    this.instances.clear();
    this.last = undefined;
  }

  private pass(template: string, specs: Record<string, ComponentSpec>) {
    const pass: Pass = { seen: new Map(), fresh: [], counts: new Map() };
    this.dirty = false;
    const raw = renderWxml(template, this.page.data, Object.keys(specs));
    const scope: Scope = { specs, owner: this.page, key: '', bound: new Map() };
    const tree = { ...raw, children: this.composeChildren(raw.children, scope, '', pass, new Map()) };
    return { tree, pass };
  }

  private composeChildren(
    nodes: RenderedNode[],
    scope: Scope,
    path: string,
    pass: Pass,
    slots: Map<string, RenderedNode[]>,
  ): RenderedNode[] {
    return nodes.flatMap((written, index) => {
      if (typeof written === 'string') return [written];
      const node = resolvedBindings(written);
      const at = path ? `${path}.${index}` : String(index);
      if (node.tagName === 'wxcloud-slot') {
        const name = String(node.attrs.find((entry) => entry.name === 'name')?.value ?? '');
        const content = slots.get(name) ?? [];
        slots.delete(name); // a slot's content shows once
        return content;
      }
      const spec = scope.specs[node.tagName];
      if (spec) return [this.composeComponent(node, spec, { scope, at, pass, slots })];
      const children = this.composeChildren(node.children, scope, at, pass, slots);
      return [{ ...node, event: ownedEvents(node.event, scope), children }];
    });
  }

  private composeComponent(
    node: RenderedElement,
    spec: ComponentSpec,
    where: { scope: Scope; at: string; pass: Pass; slots: Map<string, RenderedNode[]> },
  ): RenderedElement {
    const { scope, at, pass } = where;
    const id = String(node.attrs.find((entry) => entry.name === 'id')?.value ?? '');
    const key = `${scope.key}/${at}${id ? `#${id}` : ''}`;
    let instance = this.instances.get(key);
    const created = !instance;
    if (!instance) {
      instance = new ComponentInstance(spec.route, this.definition(spec), this.host);
      this.instances.set(key, instance);
      this.parents.set(instance, scope.owner instanceof ComponentInstance ? scope.owner : undefined);
      instance.lifetime('created');
      pass.fresh.push(instance);
    }
    pass.seen.set(key, instance);
    const count = (pass.counts.get(node.tagName) ?? 0) + 1;
    pass.counts.set(node.tagName, count);
    const properties: AnyRecord = {};
    const attrs = node.attrs.filter(({ name, value }) => {
      const property = name.replace(/-([a-z])/g, (_all, letter: string) => letter.toUpperCase());
      if (instance.isProperty(property)) properties[property] = value;
      return !instance.isProperty(property);
    });
    Object.assign(instance, { id, dataset: elementDataset(node) });
    this.bindings.set(instance, { owner: scope.owner, events: node.event });
    instance.applyProperties(properties);
    if (created) instance.lifetime('attached');
    const slots = slotContent(this.composeChildren(node.children, scope, at, pass, where.slots), spec);
    const template = spec.template.replace(/<slot\b/g, '<wxcloud-slot').replace(/<\/slot\s*>/g, '</wxcloud-slot>');
    const label = `${node.tagName}#${count}`;
    const own: Scope = { specs: spec.usingComponents, owner: instance, key, label, bound: new Map() };
    const children = this.composeChildren(this.renderOwn(spec, template, instance), own, '', pass, slots);
    return { tagName: node.tagName, event: ownedEvents(node.event, scope), attrs, children };
  }

  /** The component's template with its data; one that does not render shows nothing and is reported once. */
  private renderOwn(spec: ComponentSpec, template: string, instance: ComponentInstance): RenderedNode[] {
    try {
      return renderWxml(template, instance.data, Object.keys(spec.usingComponents)).children;
    } catch (error) {
      if (!this.failed.has(spec.key)) this.loader.report(new Error(`${spec.route}.wxml: ${(error as Error).message}`));
      this.failed.add(spec.key);
      return [];
    }
  }

  private definition(spec: ComponentSpec) {
    let definition = this.definitions.get(spec.key);
    if (!definition) {
      definition = componentDefinition(this.loader.load(spec));
      this.definitions.set(spec.key, definition);
    }
    return definition;
  }

  private emit(instance: ComponentInstance, name: string, detail: unknown): void {
    const binding = this.bindings.get(instance);
    const handler = binding?.events[name]?.handler;
    const owner = binding?.owner ?? {};
    const run = handler ? owner[handler] : undefined;
    if (typeof run !== 'function') return; // nothing bound: the event goes nowhere, as in WeChat
    const target = { id: instance.id, dataset: instance.dataset };
    (run as (event: unknown) => unknown).call(owner, {
      type: name,
      timeStamp: Date.now(),
      detail,
      target,
      currentTarget: target,
      mark: {},
    });
  }
}

/**
 * The element's bindings with handlers named by an expression evaluated (prepare-template.ts asks for their value
 * as a `wxcloud-on-<event>` attribute; an empty one binds nothing), and the element without those attributes.
 */
function resolvedBindings(node: RenderedElement): RenderedElement {
  const events: RenderedElement['event'] = {};
  for (const [name, entry] of Object.entries(node.event)) {
    const computed = entry.handler.trim().startsWith('{{');
    const handler = computed ? node.attrs.find((attr) => attr.name === `wxcloud-on-${name}`)?.value : entry.handler;
    if (typeof handler === 'string' && handler) events[name] = { ...entry, handler };
  }
  return { ...node, event: events, attrs: node.attrs.filter((attr) => !attr.name.startsWith('wxcloud-on-')) };
}

/**
 * Bindings in a component's template call its own methods: their handler names the component, and which of the
 * elements bound to that method it is when there are several (a stepper's minus and plus: `onTap`, `onTap(2)`). On
 * the page only taps are numbered (a list's items: `onPick`, `onPick(2)`); forms and open-type buttons go by element.
 */
function ownedEvents(events: RenderedElement['event'], scope: Scope): RenderedElement['event'] {
  return Object.fromEntries(
    Object.entries(events).map(([name, entry]) => {
      if (!scope.label && name !== 'tap') return [name, entry];
      const times = (scope.bound?.get(`${name}:${entry.handler}`) ?? 0) + 1;
      scope.bound?.set(`${name}:${entry.handler}`, times);
      const handler = `${scope.label ? `${scope.label}.` : ''}${entry.handler}${times > 1 ? `(${times})` : ''}`;
      return [name, { ...entry, handler, method: entry.handler, ...(scope.label ? { component: scope.key } : {}) }];
    }),
  );
}

/** The element's content by the slot it goes to (`slot="name"` with multipleSlots, else all to the one slot). */
function slotContent(nodes: RenderedNode[], spec: ComponentSpec): Map<string, RenderedNode[]> {
  const slots = new Map<string, RenderedNode[]>();
  for (const node of nodes) {
    const named = typeof node === 'string' ? undefined : node.attrs.find((entry) => entry.name === 'slot')?.value;
    const name = spec.options.multipleSlots && named !== undefined ? String(named) : '';
    slots.set(name, [...(slots.get(name) ?? []), node]);
  }
  return slots;
}
