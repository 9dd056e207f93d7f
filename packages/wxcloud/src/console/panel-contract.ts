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
 *     content: () => ({
 *       blocks: [{ kind: 'table', columns: [{ key: 'file', title: { zh: '文件', en: 'File' } }], rows: [] }],
 *     }),
 *   }],
 * };
 * ```
 */
import type { Bilingual, PanelContent } from './api-types';

/** Rows of a long table sent at once; the page asks for the others (`?page=`). */
export const PANEL_PAGE_SIZE = 50;

/** Which page of its long tables the console wants (0 first). */
export interface PanelRequest {
  page: number;
}

export interface ConsolePanel {
  /** Unique, kebab-case; also the tab's anchor (`/#storage`). */
  readonly id: string;
  readonly title: Bilingual;
  /**
   * Called each time the tab opens or is refreshed; keep it quick and read-only. A table that can
   * grow long sends one page of PANEL_PAGE_SIZE rows and says so in its `page` (see pageOf).
   */
  content(request: PanelRequest): PanelContent | Promise<PanelContent>;
  /** The user picked `value` in the panel's `choice` block `choice` (checked against the content's options first). */
  choose?(choice: string, value: string): void | Promise<void>;
}

/** One page of `rows` (newest first, say), and the table's `page` field describing it. */
export function pageOf<T>(
  rows: readonly T[],
  request: PanelRequest,
): { rows: T[]; page: { index: number; size: number; total: number } } {
  const start = request.page * PANEL_PAGE_SIZE;
  return {
    rows: rows.slice(start, start + PANEL_PAGE_SIZE),
    page: { index: request.page, size: PANEL_PAGE_SIZE, total: rows.length },
  };
}
