/** The Database tab's documents: a card per document (extended JSON, Edit, Delete) and the editor that replaces it. */
import type { DocumentView } from '../api-types';
import { both, h } from './dom';
import { ejsonElement, ejsonText } from './ejson-view';

/** What the buttons of a card and of its editor do; the panel supplies them. */
export interface DocumentActions {
  /** Saves the editor's text over `doc`, or as a new document when `doc` is null. */
  save(doc: DocumentView | null, text: string): Promise<void>;
  remove(doc: DocumentView): Promise<void>;
  /** Leaves the editor without saving. */
  cancel(): void;
}

const NEW_DOCUMENT_TEXT = '{\n  \n}';

export function documentCard(doc: DocumentView, actions: DocumentActions): HTMLElement {
  const card = h('article', { class: 'doc', 'data-id': String(doc.id) });
  const editButton = h(
    'button',
    { type: 'button', onclick: () => openEditor(card, doc, actions) },
    both('编辑', 'Edit'),
  );
  const deleteButton = h(
    'button',
    { type: 'button', class: 'danger', onclick: () => void actions.remove(doc) },
    both('删除', 'Delete'),
  );
  card.append(h('div', { class: 'doc-actions' }, editButton, deleteButton), ejsonElement(doc.ejson));
  return card;
}

/** Replaces what `card` shows with a text editor of `doc` (an empty object when `doc` is null). */
export function openEditor(card: HTMLElement, doc: DocumentView | null, actions: DocumentActions): void {
  const editor = h('textarea', { class: 'mono editor', rows: 12, spellcheck: 'false' });
  editor.value = doc ? ejsonText(doc.ejson) : NEW_DOCUMENT_TEXT;
  const saveButton = h(
    'button',
    { type: 'button', class: 'primary', onclick: () => void actions.save(doc, editor.value) },
    both('保存', 'Save'),
  );
  const cancelButton = h('button', { type: 'button', onclick: () => actions.cancel() }, both('取消', 'Cancel'));
  card.replaceChildren(
    h(
      'p',
      { class: 'hint' },
      both(
        '扩展 JSON：日期写作 {"$date": "2026-01-01T00:00:00Z"}',
        'Extended JSON: dates as {"$date": …}, ObjectIds as {"$oid": …}',
      ),
    ),
    editor,
    h('div', { class: 'doc-actions' }, saveButton, cancelButton),
  );
  editor.focus();
}
