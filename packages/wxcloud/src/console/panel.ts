/**
 * What a service gives the console to add a tab: an id, a bilingual title and a function that says
 * what the tab shows now, as generic blocks (text, tables with images and links, JSON) the page
 * renders without code of its own. See docs/console.md.
 *
 * @example
 * ```ts
 * const service: EmulatorService = {
 *   name: 'storage',
 *   consolePanels: [{
 *     id: 'storage',
 *     title: { zh: '云存储', en: 'Storage' },
 *     content: () => ({ blocks: [{ kind: 'table', columns: [{ key: 'file', title: { zh: '文件', en: 'File' } }], rows: [] }] }),
 *   }],
 * };
 * ```
 */
import type { Bilingual, PanelContent } from './api-types';

export interface ConsolePanel {
  /** Unique, kebab-case; also the tab's anchor (`/#storage`). */
  readonly id: string;
  readonly title: Bilingual;
  /** Called each time the tab opens or is refreshed; keep it quick and read-only. */
  content(): PanelContent | Promise<PanelContent>;
  /** The user picked `value` in the panel's `choice` block `choice` (checked against the content's options first). */
  choose?(choice: string, value: string): void | Promise<void>;
}
