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
];
for (const tag of BUILT_INS) jComponent.register({ id: tag, tagName: `wx-${tag}`, template: '<slot/>' });

/** The custom components of a page, as render/components.ts reads them (types by name). */
interface ComponentSpec {
  key: string;
  template: string;
  properties: Record<string, { type: string | null; value?: unknown }>;
  data: Record<string, unknown>;
  options: { multipleSlots?: boolean };
  externalClasses: string[];
  usingComponents: Record<string, ComponentSpec>;
}

const TYPES: Record<string, unknown> = { String, Number, Boolean, Object, Array };

/** Component ids of the custom components registered so far, by tag and key. */
const registered = new Map<string, string>();

function registerComponent(tag: string, spec: ComponentSpec): string {
  const key = `${tag}|${spec.key}`;
  let id = registered.get(key);
  if (!id) {
    const properties = Object.fromEntries(
      Object.entries(spec.properties).map(([name, { type, value }]) => [
        name,
        { type: type ? TYPES[type] : null, ...(value === undefined ? {} : { value }) },
      ]),
    );
    id = jComponent.register({
      tagName: tag,
      template: spec.template,
      properties,
      data: spec.data,
      options: spec.options,
      externalClasses: spec.externalClasses,
      usingComponents: registerAll(spec.usingComponents),
    });
    registered.set(key, id);
  }
  return id;
}

function registerAll(components: Record<string, ComponentSpec>): Record<string, string> {
  return Object.fromEntries(Object.entries(components).map(([tag, spec]) => [tag, registerComponent(tag, spec)]));
}

/** The id each page template is registered under (it is registered again, under the same id, for each render). */
const pageIds = new Map<string, string>();

/**
 * Renders `template` with `data` on a fresh instance, so nothing of an earlier render remains. The data is the
 * component's initial data: lists (`wx:for`) set later by setData from nothing are not rendered by the engine.
 */
function render(
  template: string,
  data: Record<string, unknown>,
  components: Record<string, ComponentSpec> = {},
): unknown {
  const usingComponents = registerAll(components);
  const key = `${JSON.stringify(usingComponents)}|${template}`;
  let id = pageIds.get(key);
  if (!id) {
    id = `wxcloud-page-${pageIds.size + 1}`;
    pageIds.set(key, id);
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
