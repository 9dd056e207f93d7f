/**
 * A document in relaxed EJSON, shown as JSON where dates read `Date(2026-…)` and ObjectIds
 * `ObjectId(…)`, each in its own colour; the editor gets the EJSON text back.
 */
import { h } from './dom';

const INDENT = '  ';

export function ejsonElement(value: unknown): HTMLElement {
  const pre = h('pre', { class: 'json' });
  append(pre, value, '');
  return pre;
}

/** The text the editor starts with: relaxed EJSON, two-space indent. */
export function ejsonText(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

function append(parent: HTMLElement, value: unknown, indent: string): void {
  const tagged = taggedValue(value);
  if (tagged) return void parent.append(h('span', { class: `json-${tagged.kind}`, title: tagged.title }, tagged.text));
  if (Array.isArray(value))
    return appendEntries(
      parent,
      value.map((item) => [null, item]),
      indent,
      '[',
      ']',
    );
  if (value !== null && typeof value === 'object')
    return appendEntries(parent, Object.entries(value), indent, '{', '}');
  const kind = value === null ? 'null' : typeof value;
  parent.append(h('span', { class: `json-${kind}` }, JSON.stringify(value)));
}

function appendEntries(
  parent: HTMLElement,
  entries: Array<[string | null, unknown]>,
  indent: string,
  open: string,
  close: string,
): void {
  if (entries.length === 0) return void parent.append(open + close);
  parent.append(`${open}\n`);
  entries.forEach(([key, item], index) => {
    parent.append(indent + INDENT);
    if (key !== null) parent.append(h('span', { class: 'json-key' }, JSON.stringify(key)), ': ');
    append(parent, item, indent + INDENT);
    parent.append(index < entries.length - 1 ? ',\n' : '\n');
  });
  parent.append(indent + close);
}

function taggedValue(value: unknown): { kind: string; text: string; title: string } | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const keys = Object.keys(value);
  const record = value as Record<string, unknown>;
  if (keys.length !== 1) return null;
  if (keys[0] === '$date') {
    const raw = record.$date;
    const date =
      typeof raw === 'string' ? raw : new Date(Number((raw as { $numberLong?: string } | null)?.$numberLong));
    const iso =
      typeof date === 'string' ? date : Number.isNaN(date.getTime()) ? String(JSON.stringify(raw)) : date.toISOString();
    return { kind: 'date', text: `Date(${iso})`, title: '日期 Date' };
  }
  if (keys[0] === '$oid') return { kind: 'oid', text: `ObjectId(${String(record.$oid)})`, title: 'ObjectId' };
  if (keys[0] === '$numberDecimal')
    return { kind: 'number', text: `Decimal128(${String(record.$numberDecimal)})`, title: 'Decimal128' };
  return null;
}
