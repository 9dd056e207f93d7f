/** The Database tab: collections with their rules, a paged query, add / edit / delete, import and export. */
import type { CollectionsResponse, CollectionView, DocumentView, ImportResponse, QueryResponse, SaveDocumentResponse } from '../api-types';
import { api, attempt, both, h, notify } from './dom';
import { ejsonElement, ejsonText } from './ejson-view';

const PAGE_SIZE = 20;
const $ = <T extends HTMLElement>(selector: string) => document.querySelector(selector) as T;

export function databasePanel() {
  let collections: CollectionView[] = [];
  let selected: string | null = null;
  let offset = 0;

  async function refresh(): Promise<void> {
    collections = (await api<CollectionsResponse>('database/collections')).collections;
    if (selected && !collections.some((collection) => collection.name === selected)) selected = null;
    selected ??= collections.find((collection) => collection.name === 'users')?.name ?? collections[0]?.name ?? null;
    renderCollections();
    await loadDocuments();
  }

  function renderCollections(): void {
    const list = $('#collection-list');
    list.replaceChildren(
      ...collections.map((collection) =>
        h('li', { class: collection.name === selected ? 'selected' : '' }, h('a', { href: '#database', 'data-collection': collection.name, onclick: () => void select(collection.name) }, collection.name, h('span', { class: 'count' }, collection.count))),
      ),
    );
    const current = collections.find((collection) => collection.name === selected);
    $('#collection-title').replaceChildren(current ? h('code', {}, current.name) : both('选择一个集合', 'Pick a collection'));
    ($('#query-form') as HTMLFormElement).hidden = !current;
    const exportLink = $<HTMLAnchorElement>('#export-link');
    exportLink.hidden = !current;
    if (current) exportLink.href = `/console/api/database/export/${encodeURIComponent(current.name)}`;
    $('#collection-rules').replaceChildren(current ? rulesLine(current) : '');
  }

  function rulesLine(collection: CollectionView): HTMLElement {
    if (!collection.rules) return h('p', {}, both('安全规则：无规则文件，客户端不可读写', 'Security rules: no rules file, closed to clients'));
    const rule = (value: boolean | string) => h('code', {}, JSON.stringify(value));
    return h('p', {}, both('安全规则', 'Security rules'), ' read ', rule(collection.rules.read), ' · write ', rule(collection.rules.write), h('span', { class: 'file' }, collection.rules.file));
  }

  async function select(name: string): Promise<void> {
    selected = name;
    offset = 0;
    renderCollections();
    await loadDocuments();
  }

  async function loadDocuments(): Promise<void> {
    const target = $('#documents');
    const pager = document.querySelector('#panel-database .pager') as HTMLElement;
    if (!selected) return void (target.replaceChildren(), (pager.hidden = true));
    const form = $<HTMLFormElement>('#query-form');
    const filter = (form.elements.namedItem('filter') as HTMLInputElement).value;
    const order = (form.elements.namedItem('order') as HTMLInputElement).value;
    const page = await api<QueryResponse>('database/query', { collection: selected, filter, order, offset, limit: PAGE_SIZE });
    target.replaceChildren(...(page.documents.length ? page.documents.map((doc) => documentCard(doc)) : [h('p', { class: 'empty' }, both('没有文档', 'No documents'))]));
    pager.hidden = page.total <= PAGE_SIZE && offset === 0;
    $('#page-info').textContent = `${page.total === 0 ? 0 : offset + 1}-${offset + page.documents.length} / ${page.total}`;
    $<HTMLButtonElement>('#prev-page').disabled = offset === 0;
    $<HTMLButtonElement>('#next-page').disabled = offset + page.documents.length >= page.total;
  }

  function documentCard(doc: DocumentView): HTMLElement {
    const card = h('article', { class: 'doc', 'data-id': String(doc.id) });
    const show = () =>
      card.replaceChildren(
        h('div', { class: 'doc-actions' }, h('button', { type: 'button', onclick: () => edit(card, doc) }, both('编辑', 'Edit')), h('button', { type: 'button', class: 'danger', onclick: () => void remove(doc) }, both('删除', 'Delete'))),
        ejsonElement(doc.ejson),
      );
    show();
    return card;
  }

  function edit(card: HTMLElement, doc: DocumentView | null): void {
    const editor = h('textarea', { class: 'mono editor', rows: 12, spellcheck: 'false' });
    editor.value = doc ? ejsonText(doc.ejson) : '{\n  \n}';
    const save = () =>
      attempt('保存', async () => {
        const saved = await api<SaveDocumentResponse>('database/documents', { collection: selected, ...(doc ? { id: doc.id } : {}), document: editor.value });
        notify(`已保存 / saved ${JSON.stringify(saved.id)}`);
        await refresh();
      });
    card.replaceChildren(
      h('p', { class: 'hint' }, both('扩展 JSON：日期写作 {"$date": "2026-01-01T00:00:00Z"}', 'Extended JSON: dates as {"$date": …}, ObjectIds as {"$oid": …}')),
      editor,
      h('div', { class: 'doc-actions' }, h('button', { type: 'button', class: 'primary', onclick: () => void save() }, both('保存', 'Save')), h('button', { type: 'button', onclick: () => void loadDocuments() }, both('取消', 'Cancel'))),
    );
    editor.focus();
  }

  async function remove(doc: DocumentView): Promise<void> {
    if (!confirm(`删除文档 / delete document ${JSON.stringify(doc.id)}?`)) return;
    await attempt('删除', async () => {
      await api('database/documents/delete', { collection: selected, id: doc.id });
      await refresh();
    });
  }

  async function importFiles(input: HTMLInputElement): Promise<void> {
    const files = await Promise.all([...(input.files ?? [])].map(async (file) => ({ name: file.name, text: await file.text() })));
    input.value = '';
    if (files.length === 0) return;
    await attempt('导入', async () => {
      const { counts } = await api<ImportResponse>('database/import', { files });
      notify(`已导入 / imported: ${Object.entries(counts).map(([name, count]) => `${name} ${count}`).join(', ')}`);
      await refresh();
    });
  }

  function wire(): void {
    $<HTMLFormElement>('#query-form').addEventListener('submit', (event) => {
      event.preventDefault();
      offset = 0;
      void attempt('查询', loadDocuments);
    });
    $('#add-document').addEventListener('click', () => {
      const card = h('article', { class: 'doc new' });
      $('#documents').prepend(card);
      edit(card, null);
    });
    $('#prev-page').addEventListener('click', () => ((offset = Math.max(0, offset - PAGE_SIZE)), void attempt('翻页', loadDocuments)));
    $('#next-page').addEventListener('click', () => ((offset += PAGE_SIZE), void attempt('翻页', loadDocuments)));
    $<HTMLFormElement>('#new-collection').addEventListener('submit', (event) => {
      event.preventDefault();
      const input = (event.target as HTMLFormElement).elements.namedItem('name') as HTMLInputElement;
      void attempt('创建集合', async () => {
        await api('database/collections', { name: input.value.trim() });
        selected = input.value.trim();
        input.value = '';
        await refresh();
      });
    });
    $<HTMLInputElement>('#import-files').addEventListener('change', (event) => void importFiles(event.target as HTMLInputElement));
  }

  return { wire, refresh };
}
