/**
 * Besides taps, what a person can do on the page as it shows (rendered by render/wxml-engine.ts):
 * the open-type buttons whose result comes from WeChat (choose an avatar, the phone-number button,
 * agree to the privacy guide) and forms (with the names of their inputs), each by its element id,
 * so the console can act on them through the phone's screen (user-actions.ts).
 */
import type { PageInstance } from './pages';
import { readPageWxml } from './screen';
import { renderPage, visibleText } from './taps';
import type { RenderedElement, RenderedNode } from './render/wxml-engine';

export type ControlKind = 'chooseAvatar' | 'getPhoneNumber' | 'agreePrivacy' | 'form';

export interface Control {
  kind: ControlKind;
  /** The element's id: how it is acted on (`#id`). Elements without an id are not offered. */
  id: string;
  /** What the element shows. */
  label: string;
  /** A form's input names (what its submit sends). */
  fields?: string[];
}

/** The event a kind of control is bound with. */
const EVENTS: Record<string, ControlKind> = {
  chooseavatar: 'chooseAvatar',
  getphonenumber: 'getPhoneNumber',
  agreeprivacyauthorization: 'agreePrivacy',
  submit: 'form',
};

function idOf(element: RenderedElement): string {
  return String(element.attrs.find((entry) => entry.name === 'id')?.value ?? '');
}

/** Input names inside the form `formId` of the page's WXML (the rendered tree keeps no input names). */
function formFields(miniprogramRoot: string, route: string, formId: string): string[] {
  const elements = readPageWxml(miniprogramRoot, route);
  const start = elements.findIndex((element) => element.tag === 'form' && element.attributes.id === formId);
  if (start === -1) return [];
  const names: string[] = [];
  for (const element of elements.slice(start + 1)) {
    if (element.tag === 'form') break;
    if ((element.tag === 'input' || element.tag === 'textarea') && element.attributes.name)
      names.push(element.attributes.name);
  }
  return names;
}

export function pageControls(miniprogramRoot: string, page: Pick<PageInstance, 'route' | 'data'>): Control[] {
  const root = renderPage(miniprogramRoot, page);
  if (!root) return [];
  const controls: Control[] = [];
  const walk = (node: RenderedNode) => {
    if (
      typeof node === 'string' ||
      node.attrs.some((entry) => entry.name === 'hidden' && entry.value !== false && entry.value !== 'false')
    )
      return;
    const id = idOf(node);
    for (const [event, binding] of Object.entries(node.event)) {
      const kind = EVENTS[event];
      if (!kind || !id || binding.component !== undefined) continue; // one inside a custom component is not acted on
      controls.push({
        kind,
        id,
        label: kind === 'form' ? id : visibleText(node),
        ...(kind === 'form' ? { fields: formFields(miniprogramRoot, page.route, id) } : {}),
      });
    }
    node.children.forEach(walk);
  };
  walk(root);
  return controls;
}
