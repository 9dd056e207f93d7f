/**
 * The users collection as a plain-text table for the terminal. The collection may hold anything a
 * developer added by hand (a document without dates, a count as text), so every cell reads its value
 * defensively: a missing value is "-", an unreadable date is shown as stored.
 */

/** One users document as stored: the login writes these fields, a hand-added document may lack any. */
export type UserRow = Record<string, unknown>;

const COLUMNS: Array<[header: string, cell: (user: UserRow) => string]> = [
  ['_id (openid)', (user) => text(user._id)],
  ['unionid', (user) => text(user.unionid)],
  ['loginCount', (user) => text(user.loginCount)],
  ['createdAt', (user) => time(user.createdAt)],
  ['lastLoginAt', (user) => time(user.lastLoginAt)],
];

export function formatUsersTable(users: UserRow[]): string[] {
  const rows = [COLUMNS.map(([header]) => header), ...users.map((user) => COLUMNS.map(([, cell]) => cell(user)))];
  const widths = COLUMNS.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0)));
  const line = (row: string[]) => `│ ${row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' │ ')} │`;
  const rule = (left: string, middle: string, right: string) =>
    `${left}${widths.map((width) => '─'.repeat(width + 2)).join(middle)}${right}`;
  const [header, ...body] = rows;
  return [rule('┌', '┬', '┐'), line(header ?? []), rule('├', '┼', '┤'), ...body.map(line), rule('└', '┴', '┘')];
}

const MAX_CELL = 40;

function text(value: unknown): string {
  if (value === undefined || value === null || value === '') return '-';
  const shown = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return shown.length > MAX_CELL ? `${shown.slice(0, MAX_CELL - 1)}…` : shown;
}

/** A date as `2026-01-02 03:04:05.678` (UTC); anything that is not a readable date as it is stored. */
function time(value: unknown): string {
  const date =
    value instanceof Date
      ? value
      : typeof value === 'string' || typeof value === 'number'
        ? new Date(value)
        : undefined;
  if (date && !Number.isNaN(date.getTime()) && typeof value !== 'number')
    return date.toISOString().replace('T', ' ').slice(0, 23);
  return text(value);
}
