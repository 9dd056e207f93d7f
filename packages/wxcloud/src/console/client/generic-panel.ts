/** A tab a service contributed: its blocks (text, tables with images and links, JSON) rendered as they come. */
import type { PanelBlock, PanelCell, PanelContent } from '../api-types';
import { api, both, formatTime, h } from './dom';

export function genericPanel(id: string) {
  async function refresh(): Promise<void> {
    const content = await api<PanelContent>(`panels/${encodeURIComponent(id)}`);
    document.querySelector(`#panel-${id} .blocks`)?.replaceChildren(...content.blocks.map(block));
  }
  return { refresh };
}

function block(item: PanelBlock): HTMLElement {
  const caption = 'caption' in item && item.caption ? h('h3', {}, both(item.caption.zh, item.caption.en)) : '';
  switch (item.kind) {
    case 'text':
      return h('p', {}, both(item.text.zh, item.text.en));
    case 'json':
      return h('div', {}, caption, h('pre', { class: 'json' }, JSON.stringify(item.value, null, 2)));
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
