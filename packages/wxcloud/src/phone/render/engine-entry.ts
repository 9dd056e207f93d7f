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
    setData(data: Record<string, unknown>): void;
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
];
for (const tag of BUILT_INS) jComponent.register({ id: tag, tagName: `wx-${tag}`, template: '<slot/>' });

/** Component ids of the templates registered so far (a page's WXML is registered once). */
const registered = new Map<string, string>();

/** Renders `template` with `data` on a fresh instance, so nothing of an earlier render remains. */
function render(template: string, data: Record<string, unknown>): unknown {
  let id = registered.get(template);
  if (!id) {
    id = jComponent.register({ template, data: {} });
    registered.set(template, id);
  }
  const instance = jComponent.create(id);
  instance.attach(document.createElement('div'));
  try {
    instance.setData(data);
    return instance.toJSON();
  } finally {
    instance.detach();
  }
}

Object.assign(globalThis, { __wxmlEngine: { render } });
