/**
 * What runs inside the WXML engine's own vm context (wxml-engine.ts bundles it with esbuild):
 * WeChat's component engine (j-component on miniprogram-exparser) over a small DOM (linkedom), so
 * the page's WXML is evaluated with the real template semantics (data binding, wx:if, wx:for,
 * events) without putting `document` into the local cloud's own process.
 */
import { parseHTML } from 'linkedom';

const { window, document } = parseHTML('<!doctype html><html><body></body></html>');
Object.assign(globalThis, { window, document });

// eslint-disable-next-line @typescript-eslint/no-require-imports
const jComponent = require('j-component') as {
  register(definition: Record<string, unknown>): string;
  create(id: string): {
    attach(parent: unknown): void;
    toJSON(): unknown;
    detach(): void;
  };
};

/** WeChat's built-in components, as slots: what they show is their children and their own text. */
const BUILT_INS = [
  'view',
  'text',
  'button',
  'image',
  'input',
  'textarea',
  'form',
  'label',
  'navigator',
  'scroll-view',
  'swiper',
  'swiper-item',
  'icon',
  'switch',
  'checkbox',
  'checkbox-group',
  'radio',
  'radio-group',
  'picker',
  'slider',
  'rich-text',
  'progress',
  'cover-view',
  'cover-image',
  'map',
  'canvas',
  'video',
  'web-view',
  'root-portal',
  'page-container',
  'page-meta',
  'navigation-bar',
  'movable-area',
  'movable-view',
  'editor',
  'audio',
  'camera',
  'live-player',
  'ad',
  'official-account',
  'open-data',
  'match-media',
  'share-element',
  'grid-view',
  'list-view',
  'sticky-header',
  'sticky-section',
];
/** What WXS code has besides JavaScript (prepare-template.ts writes `x.constructor` as `wxsConstructorOf(x)`). */
Object.assign(globalThis, {
  getRegExp: (pattern: string, flags?: string) => new RegExp(pattern, flags),
  getDate: (...args: ConstructorParameters<typeof Date>) => new Date(...args),
  wxsConstructorOf: (value: unknown) =>
    typeof value === 'function' ? 'Function' : Object.prototype.toString.call(value).slice(8, -1),
});

for (const tag of BUILT_INS) jComponent.register({ id: tag, tagName: `wx-${tag}`, template: '<slot/>' });

/**
 * A custom component's element in a template: it keeps its attributes (the component's properties among them) and
 * what the template puts inside it; the phone renders the component's own template into it (render/compose.ts).
 */
const placeholders = new Map<string, string>();
/** Where a component's template has a `<slot>`: the phone puts the slot's content there. */
jComponent.register({ id: 'wxcloud-slot', tagName: 'wxcloud-slot', template: '<slot/>' });

function placeholder(tag: string): string {
  let id = placeholders.get(tag);
  if (!id) {
    id = jComponent.register({ tagName: tag, template: '<slot/>' });
    placeholders.set(tag, id);
  }
  return id;
}

/** The id each template is registered under (it is registered again, under the same id, for each render). */
const templateIds = new Map<string, string>();

/**
 * Renders `template` with `data` on a fresh instance, so nothing of an earlier render remains. The data is the
 * component's initial data: lists (`wx:for`) set later by setData from nothing are not rendered by the engine.
 */
function render(template: string, data: Record<string, unknown>, customTags: string[] = []): unknown {
  const usingComponents: Record<string, string> = { 'wxcloud-slot': 'wxcloud-slot' };
  for (const tag of customTags) usingComponents[tag] = placeholder(tag);
  const key = `${JSON.stringify(usingComponents)}|${template}`;
  let id = templateIds.get(key);
  if (!id) {
    id = `wxcloud-template-${templateIds.size + 1}`;
    templateIds.set(key, id);
  }
  jComponent.register({ id, template, data, usingComponents });
  const instance = jComponent.create(id);
  instance.attach(document.createElement('div'));
  try {
    return instance.toJSON();
  } finally {
    instance.detach();
  }
}

Object.assign(globalThis, { __wxmlEngine: { render } });
