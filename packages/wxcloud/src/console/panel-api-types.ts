/**
 * The console API's types for the tabs services contribute (GET panels/:id, POST panels/:id/choices):
 * generic blocks the page renders without code of its own. Part of api-types.ts, which re-exports it.
 */
/** A text shown in Chinese first, English alongside. */
export interface Bilingual {
  zh: string;
  en: string;
}

/** A cell: plain text, an image, a link, or a time (ISO text or epoch ms) the page shows in its one time format. */
export type PanelCell =
  | string
  | number
  | boolean
  | null
  | { image: string; alt?: string }
  | { link: string; text: string }
  | { time: string | number };

export type PanelBlock =
  | { kind: 'text'; text: Bilingual }
  | {
      kind: 'table';
      caption?: Bilingual;
      columns: Array<{ key: string; title: Bilingual }>;
      rows: Array<Record<string, PanelCell>>;
      /** Present when `rows` is one page of a longer table (index 0 first): the page offers the others. */
      page?: { index: number; size: number; total: number };
    }
  | { kind: 'json'; caption?: Bilingual; value: unknown }
  /** Options the user picks one of (the panel's `choose` is told); `value` is the current one. */
  | {
      kind: 'choice';
      id: string;
      caption: Bilingual;
      options: Array<{ value: string; label: Bilingual }>;
      value: string;
    };

// ---- a choice in a contributed panel: POST panels/<id>/choices -> PanelContent
export interface PanelChoiceRequest {
  choice: string;
  value: string;
}

export interface PanelContent {
  blocks: PanelBlock[];
}
