/** The Database tab: collections with their rules, a paged query, add / edit / delete, import and export. */
import type {
  CollectionsResponse,
  CollectionView,
  DocumentView,
  ImportResponse,
  QueryResponse,
  SaveDocumentResponse,
} from '../api-types';
import { documentCard, openEditor, type DocumentActions } from './document-cards';
import { api, attempt, both, h, notify } from './dom';

const PAGE_SIZE = 20;
const $ = <T extends HTMLElement>(selector: string) => document.querySelector(selector) as T;

/** What the tab shows: the collections, the one picked, and where its page of documents starts. */
interface DatabaseView {
  collections: CollectionView[];
  selected: string | null;
  offset: number;
}

export function databasePanel() {
  const view: DatabaseView = { collections: [], selected: null, offset: 0 };
  return { wire: () => wireControls(view), refresh: () => refresh(view) };
}

async function refresh(view: DatabaseView): Promise<void> {
  view.collections = (await api<CollectionsResponse>('database/collections')).collections;
  view.selected = keptOrDefaultCollection(view.collections, view.selected);
  renderCollections(view);
  await loadDocuments(view);
}

/** The picked collection while it exists; else `users`, else the first one. */
function keptOrDefaultCollection(collections: CollectionView[], selected: string | null): string | null {
  if (selected && collections.some((collection) => collection.name === selected)) return selected;
  return collections.find((collection) => collection.name === 'users')?.name ?? collections[0]?.name ?? null;
}

async function select(view: DatabaseView, name: string): Promise<void> {
  view.selected = name;
  view.offset = 0;
  renderCollections(view);
  await loadDocuments(view);
}

function renderCollections(view: DatabaseView): void {
  $('#collection-list').replaceChildren(
    ...view.collections.map((collection) =>
      collectionItem(collection, collection.name === view.selected, () => void select(view, collection.name)),
    ),
  );
  renderCollectionHeader(view.collections.find((collection) => collection.name === view.selected));
}

function collectionItem(collection: CollectionView, selected: boolean, onSelect: () => void): HTMLElement {
  const link = h(
    'a',
    { href: '#database', 'data-collection': collection.name, onclick: onSelect },
    collection.name,
    h('span', { class: 'count' }, collection.count),
  );
  return h('li', { class: selected ? 'selected' : '' }, link);
}

/** The title, query form, export link and rules of the picked collection; hidden when none is. */
function renderCollectionHeader(current: CollectionView | undefined): void {
  $('#collection-title').replaceChildren(
    current ? h('code', {}, current.name) : both('选择一个集合', 'Pick a collection'),
  );
  $<HTMLFormElement>('#query-form').hidden = !current;
  const exportLink = $<HTMLAnchorElement>('#export-link');
  exportLink.hidden = !current;
  if (current) exportLink.href = `/console/api/database/export/${encodeURIComponent(current.name)}`;
  $('#collection-rules').replaceChildren(current ? rulesLine(current) : '');
}

function rulesLine(collection: CollectionView): HTMLElement {
  if (!collection.rules)
    return h('p', {}, both('安全规则：无规则文件，客户端不可读写', 'Security rules: no rules file, closed to clients'));
  const rule = (value: boolean | string) => h('code', {}, JSON.stringify(value));
  return h(
    'p',
    {},
    both('安全规则', 'Security rules'),
    ' read ',
    rule(collection.rules.read),
    ' · write ',
    rule(collection.rules.write),
    h('span', { class: 'file' }, collection.rules.file),
  );
}

/** Queries the picked collection with the form's filter and order, and shows that page. */
async function loadDocuments(view: DatabaseView): Promise<void> {
  const pager = $('#panel-database .pager');
  if (!view.selected) {
    $('#documents').replaceChildren(
      h(
        'p',
        { class: 'empty' },
        both(
          '还没有集合：在左边新建一个，或导入 <集合>.json',
          'No collections yet: create one on the left, or import <collection>.json',
        ),
      ),
    );
    pager.hidden = true;
    return;
  }
  const page = await api<QueryResponse>('database/query', {
    collection: view.selected,
    ...queryInputs(),
    offset: view.offset,
    limit: PAGE_SIZE,
  });
  const actions = documentActions(view);
  $('#documents').replaceChildren(
    ...(page.documents.length
      ? page.documents.map((doc) => documentCard(doc, actions))
      : [h('p', { class: 'empty' }, both('没有文档', 'No documents'))]),
  );
  renderPager(pager, view.offset, page);
}

function queryInputs(): { filter: string; order: string } {
  const fields = $<HTMLFormElement>('#query-form').elements;
  return {
    filter: (fields.namedItem('filter') as HTMLInputElement).value,
    order: (fields.namedItem('order') as HTMLInputElement).value,
  };
}

function renderPager(pager: HTMLElement, offset: number, page: QueryResponse): void {
  pager.hidden = page.total <= PAGE_SIZE && offset === 0;
  $('#page-info').textContent =
    `${page.total === 0 ? 0 : offset + 1}-${offset + page.documents.length} / ${page.total}`;
  $<HTMLButtonElement>('#prev-page').disabled = offset === 0;
  $<HTMLButtonElement>('#next-page').disabled = offset + page.documents.length >= page.total;
}

function documentActions(view: DatabaseView): DocumentActions {
  return {
    save: (doc, text) => saveDocument(view, doc, text),
    remove: (doc) => removeDocument(view, doc),
    cancel: () => void loadDocuments(view),
  };
}

async function saveDocument(view: DatabaseView, doc: DocumentView | null, text: string): Promise<void> {
  await attempt('保存', async () => {
    const saved = await api<SaveDocumentResponse>('database/documents', {
      collection: view.selected,
      ...(doc ? { id: doc.id } : {}),
      document: text,
    });
    notify(`已保存 / saved ${JSON.stringify(saved.id)}`);
    await refresh(view);
  });
}

async function removeDocument(view: DatabaseView, doc: DocumentView): Promise<void> {
  if (!confirm(`删除文档 / delete document ${JSON.stringify(doc.id)}?`)) return;
  await attempt('删除', async () => {
    await api('database/documents/delete', { collection: view.selected, id: doc.id });
    await refresh(view);
  });
}

/** An editor for a new document, above the page's documents. */
function addDocument(view: DatabaseView): void {
  const card = h('article', { class: 'doc new' });
  $('#documents').prepend(card);
  openEditor(card, null, documentActions(view));
}

async function createCollection(view: DatabaseView, input: HTMLInputElement): Promise<void> {
  const name = input.value.trim();
  await attempt('创建集合', async () => {
    await api('database/collections', { name });
    view.selected = name;
    input.value = '';
    await refresh(view);
  });
}

async function importFiles(view: DatabaseView, input: HTMLInputElement): Promise<void> {
  const files = await Promise.all(
    [...(input.files ?? [])].map(async (file) => ({ name: file.name, text: await file.text() })),
  );
  input.value = '';
  if (files.length === 0) return;
  await attempt('导入', async () => {
    const { counts } = await api<ImportResponse>('database/import', { files });
    notify(
      `已导入 / imported: ${Object.entries(counts)
        .map(([name, count]) => `${name} ${count}`)
        .join(', ')}`,
    );
    await refresh(view);
  });
}

/** Shows the page of documents from `offset` on. */
function goToPage(view: DatabaseView, offset: number, what: string): Promise<void> {
  view.offset = offset;
  return attempt(what, () => loadDocuments(view));
}

function wireControls(view: DatabaseView): void {
  $<HTMLFormElement>('#query-form').addEventListener('submit', (event) => {
    event.preventDefault();
    void goToPage(view, 0, '查询');
  });
  $('#prev-page').addEventListener('click', () => void goToPage(view, Math.max(0, view.offset - PAGE_SIZE), '翻页'));
  $('#next-page').addEventListener('click', () => void goToPage(view, view.offset + PAGE_SIZE, '翻页'));
  $('#add-document').addEventListener('click', () => addDocument(view));
  $<HTMLFormElement>('#new-collection').addEventListener('submit', (event) => {
    event.preventDefault();
    void createCollection(view, (event.target as HTMLFormElement).elements.namedItem('name') as HTMLInputElement);
  });
  $<HTMLInputElement>('#import-files').addEventListener(
    'change',
    (event) => void importFiles(view, event.target as HTMLInputElement),
  );
}
