/**
 * The simulated phone's WXML engine: WeChat's own component engine (j-component, the core of
 * miniprogram-simulate) renders a page's WXML with its data, in a vm context of its own with a
 * small DOM (engine-entry.ts), bundled by esbuild once per process (about 0.2 s; a render after
 * that takes about 1 ms). Pages keep running on the
 * phone's own Page implementation (pages.ts); the engine says what the page shows.
 */
import { buildSync } from 'esbuild';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createContext, runInContext, type Context } from 'node:vm';

/** One node of the rendered page: a built-in component (`wx-view` …) with its bindings, or text. */
export interface RenderedElement {
  tagName: string;
  /** Bound events by name (`tap`, `chooseavatar`, `submit` …) with the page method each calls. */
  event: Record<string, RenderedBinding>;
  attrs: Array<{ name: string; value: unknown }>;
  children: RenderedNode[];
}
export type RenderedNode = RenderedElement | string;

/** What an event on an element calls; in a component's template, the component's method (render/compose.ts). */
export interface RenderedBinding {
  /**
   * The page's method (`onPick(2)` for the second element bound to `onPick`), or `tag#n.method` for a method of the
   * n-th `tag` component on the page.
   */
  handler: string;
  isCatch: boolean;
  /** The method called: the component's for a binding in a component's template (with `component`), else the page's. */
  method?: string;
  component?: string;
}

/** An element's `data-*` attributes as its dataset (`data-user-id` is `userId`). */
export function elementDataset(element: RenderedElement): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const { name, value } of element.attrs) {
    if (name.startsWith('data-'))
      data[name.slice(5).replace(/-([a-z])/g, (_all, letter: string) => letter.toUpperCase())] = value;
  }
  return data;
}

interface Engine {
  render(template: string, data: Record<string, unknown>, customTags: string[]): RenderedElement;
}

let engine: Engine | undefined;

function loadEngine(): Engine {
  // From source in this repository; from tsc's output in the published package.
  const source = path.join(__dirname, 'engine-entry.ts');
  const { outputFiles } = buildSync({
    entryPoints: [existsSync(source) ? source : path.join(__dirname, 'engine-entry.js')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    write: false,
    logLevel: 'silent',
    external: ['canvas'],
  });
  const context: Context = createContext({
    console,
    setTimeout,
    clearTimeout,
    setInterval,
    clearInterval,
    queueMicrotask,
    Buffer,
    TextEncoder,
    TextDecoder,
    URL,
  });
  runInContext('var global = globalThis;', context);
  runInContext(outputFiles[0]?.text ?? '', context, { filename: 'wxml-engine.js' });
  return (context as { __wxmlEngine: Engine }).__wxmlEngine;
}

/**
 * `template` rendered with `data` (a plain JSON copy of it); the `customTags` it uses render as their elements
 * with their attributes and content, the component's own template left to the caller (compose.ts).
 */
export function renderWxml(
  template: string,
  data: Record<string, unknown>,
  customTags: string[] = [],
): RenderedElement {
  engine ??= loadEngine();
  return engine.render(template, JSON.parse(JSON.stringify(data)) as Record<string, unknown>, customTags);
}
