import { formatUsersTable } from './users-table';

it('lines up the users in a table', () => {
  const lines = formatUsersTable([
    {
      _id: 'o-long-openid-1',
      unionid: 'u1',
      loginCount: 12,
      createdAt: new Date('2026-01-01T00:00:00Z'),
      lastLoginAt: '2026-01-02T03:04:05.678Z',
    },
    {
      _id: 'o2',
      loginCount: 1,
      createdAt: new Date('2026-01-03T00:00:00Z'),
      lastLoginAt: new Date('2026-01-03T00:00:00Z'),
    },
  ]);
  expect(lines).toHaveLength(6);
  expect(new Set(lines.map((line) => line.length)).size).toBe(1);
  expect(lines[1]).toMatch(/^│ _id \(openid\)\s+│ unionid │ loginCount │ createdAt\s+│ lastLoginAt\s+│$/);
  expect(lines[3]).toContain(
    '│ o-long-openid-1 │ u1      │ 12         │ 2026-01-01 00:00:00.000 │ 2026-01-02 03:04:05.678 │',
  );
  expect(lines[4]).toContain('│ o2              │ -       │ 1 ');
});

it('shows hand-added documents without dates or with odd values as they are stored', () => {
  const lines = formatUsersTable([
    { _id: 'x1' },
    { _id: 'x2', loginCount: 'abc', createdAt: 'nonsense', lastLoginAt: 5, unionid: { a: 1 } },
  ]);
  expect(lines[3]).toMatch(/^│ x1\s+│ -\s+│ -\s+│ -\s+│ -\s+│$/);
  expect(lines[4]).toContain('│ x2 ');
  expect(lines[4]).toContain('{"a":1}');
  expect(lines[4]).toContain('nonsense');
  expect(lines[4]).toContain('│ 5 ');
});
