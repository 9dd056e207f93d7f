import { displayWidth, renderTable } from './text-table';

describe('displayWidth', () => {
  it('counts CJK characters as two columns and ASCII as one', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('老用户')).toBe(6);
    expect(displayWidth('p50（毫秒）')).toBe(3 + 8);
  });
});

describe('renderTable', () => {
  const table = renderTable(
    [{ header: '场景 case' }, { header: 'ms', align: 'right' }],
    [
      ['老用户 returning', '1.5'],
      ['first', '12.25'],
    ],
  );

  it('renders a Markdown pipe table with a right-aligned rule for numeric columns', () => {
    expect(table).toEqual([
      '| 场景 case        |    ms |',
      '| ---------------- | ----: |',
      '| 老用户 returning |   1.5 |',
      '| first            | 12.25 |',
    ]);
  });

  it('lines every row up to the same display width', () => {
    expect(new Set(table.map(displayWidth)).size).toBe(1);
  });

  it('escapes pipes inside cells and refuses ragged rows', () => {
    expect(renderTable([{ header: 'a' }], [['x|y']])[2]).toBe('| x\\|y |');
    expect(() => renderTable([{ header: 'a' }, { header: 'b' }], [['only one']])).toThrow(/1 cells for 2 columns/);
  });
});
