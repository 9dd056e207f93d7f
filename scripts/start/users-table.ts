/** The users collection as a plain-text table for the terminal. */

export interface UserRow {
  _id: string;
  unionid?: string;
  loginCount: number;
  createdAt: Date | string;
  lastLoginAt: Date | string;
}

const COLUMNS: Array<[header: string, cell: (user: UserRow) => string]> = [
  ['_id (openid)', (user) => user._id],
  ['unionid', (user) => user.unionid ?? '-'],
  ['loginCount', (user) => String(user.loginCount)],
  ['createdAt', (user) => iso(user.createdAt)],
  ['lastLoginAt', (user) => iso(user.lastLoginAt)],
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

function iso(value: Date | string): string {
  return (value instanceof Date ? value : new Date(value)).toISOString().replace('T', ' ').slice(0, 23);
}
