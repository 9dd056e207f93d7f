/** A tab a service contributed: its blocks (text, tables with images and links, JSON) rendered as they come. */
import type { PanelBlock, PanelCell, PanelContent } from '../api-types';
import { api, both, formatTime, h } from './dom';

export function genericPanel(id: string) {
  let page = 0;
  const actions: Actions = { turn: (to) => () => void ((page = to), refresh()), choose };
  const show = (content: PanelContent) =>
    document
      .querySelector(`#panel-${id} .blocks`)
      ?.replaceChildren(...content.blocks.map((item) => block(item, actions)));
  async function refresh(): Promise<void> {
    show(await api<PanelContent>(`panels/${encodeURIComponent(id)}?page=${page}`));
  }
  async function choose(choice: string, value: string): Promise<void> {
    show(await api<PanelContent>(`panels/${encodeURIComponent(id)}/choices`, { choice, value }));
  }
  return { refresh };
}

/** Previous and next for a table that is one page of a longer one. */
function pager(
  page: { index: number; size: number; total: number },
  turn: (to: number) => () => void,
): HTMLElement | '' {
  const pages = Math.max(1, Math.ceil(page.total / page.size));
  if (pages <= 1) return '';
  return h(
    'div',
    { class: 'pager' },
    h('button', { type: 'button', disabled: page.index <= 0, onclick: turn(page.index - 1) }, both('上一页', 'Prev')),
    h('span', {}, `${page.index + 1} / ${pages} (${page.total})`),
    h(
      'button',
      { type: 'button', disabled: page.index >= pages - 1, onclick: turn(page.index + 1) },
      both('下一页', 'Next'),
    ),
  );
}

/** What a block's controls do: turn a table's page, or tell the panel the user's choice. */
interface Actions {
  turn: (to: number) => () => void;
  choose: (choice: string, value: string) => Promise<void>;
}

function block(item: PanelBlock, { turn, choose }: Actions): HTMLElement {
  const caption = 'caption' in item && item.caption ? h('h3', {}, both(item.caption.zh, item.caption.en)) : '';
  switch (item.kind) {
    case 'text':
      return h('p', {}, both(item.text.zh, item.text.en));
    case 'json':
      return h('div', {}, caption, h('pre', { class: 'json' }, JSON.stringify(item.value, null, 2)));
    case 'choice':
      return h(
        'div',
        { class: 'choice' },
        caption,
        ...item.options.map((option) =>
          h(
            'button',
            {
              class: option.value === item.value ? 'chosen' : undefined,
              onclick: () => void choose(item.id, option.value),
            },
            both(option.label.zh, option.label.en),
          ),
        ),
      );
    case 'table':
      return h(
        'div',
        {},
        caption,
        h(
          'table',
          { class: 'grid' },
          h('tr', {}, ...item.columns.map((column) => h('th', {}, both(column.title.zh, column.title.en)))),
          ...(item.rows.length
            ? item.rows.map((row) =>
                h('tr', {}, ...item.columns.map((column) => h('td', {}, cell(row[column.key] ?? null)))),
              )
            : [h('tr', {}, h('td', { colspan: item.columns.length, class: 'empty' }, both('空', 'Empty')))]),
        ),
        item.page ? pager(item.page, turn) : '',
      );
  }
}

function cell(value: PanelCell): Node | string {
  if (value === null) return '-';
  if (typeof value !== 'object') return String(value);
  if ('time' in value) return formatTime(value.time);
  if ('image' in value) return h('img', { src: value.image, alt: value.alt ?? '', class: 'preview', loading: 'lazy' });
  return h('a', { href: value.link, target: '_blank', rel: 'noopener' }, value.text);
}
