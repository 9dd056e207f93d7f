/**
 * Tables as Markdown pipe tables whose columns also line up in a terminal: cells are padded by
 * display width, where a CJK character takes two columns. The same text reads in a terminal and
 * renders in the README.
 */

export type Align = 'left' | 'right';

export interface Column {
  header: string;
  align?: Align;
}

/** True for characters a terminal draws two columns wide (CJK ideographs, kana, hangul, fullwidth forms). */
function isWide(codePoint: number): boolean {
  return (
    (codePoint >= 0x1100 && codePoint <= 0x115f) ||
    (codePoint >= 0x2e80 && codePoint <= 0xa4cf) ||
    (codePoint >= 0xac00 && codePoint <= 0xd7a3) ||
    (codePoint >= 0xf900 && codePoint <= 0xfaff) ||
    (codePoint >= 0xfe30 && codePoint <= 0xfe4f) ||
    (codePoint >= 0xff00 && codePoint <= 0xff60) ||
    (codePoint >= 0xffe0 && codePoint <= 0xffe6)
  );
}

export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += isWide(char.codePointAt(0) ?? 0) ? 2 : 1;
  return width;
}

function pad(text: string, width: number, align: Align): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return align === 'right' ? fill + text : text + fill;
}

/** Renders a pipe table; every row must have one cell per column. */
export function renderTable(columns: readonly Column[], rows: readonly (readonly string[])[]): string[] {
  for (const row of rows) {
    if (row.length !== columns.length) throw new Error(`a row has ${row.length} cells for ${columns.length} columns`);
  }
  const escape = (cell: string) => cell.replace(/\|/g, '\\|');
  const widths = columns.map((column, index) =>
    Math.max(3, displayWidth(escape(column.header)), ...rows.map((row) => displayWidth(escape(row[index] ?? '')))),
  );
  const padded = (cells: readonly string[]) =>
    cells.map((cell, index) => pad(escape(cell), widths[index] ?? 0, columns[index]?.align ?? 'left'));
  const line = (cells: readonly string[]) => `| ${padded(cells).join(' | ')} |`;
  const rule = `| ${widths
    .map((width, index) => (columns[index]?.align === 'right' ? `${'-'.repeat(width - 1)}:` : '-'.repeat(width)))
    .join(' | ')} |`;
  return [line(columns.map((column) => column.header)), rule, ...rows.map(line)];
}
