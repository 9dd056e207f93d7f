import { UsageError, asksForHelp, busyPortMessage, describeFailure, parseCommandLine, parsePort } from './command-line';

describe('the command-line helper', () => {
  it('parses strictly and turns a bad argument into a UsageError', () => {
    expect(parseCommandLine(['--json', 'a'], { json: { type: 'boolean' } }, { positionals: true })).toMatchObject({
      values: { json: true },
      positionals: ['a'],
    });
    expect(() => parseCommandLine(['--nope'], { json: { type: 'boolean' } })).toThrow(UsageError);
    expect(() => parseCommandLine(['a'], {})).toThrow(UsageError);
  });

  it('reads ports 0-65535 and refuses anything else', () => {
    expect(parsePort(undefined)).toBe(0);
    expect(parsePort('9000')).toBe(9000);
    for (const bad of ['-1', '65536', '1.5', 'abc', '']) expect(() => parsePort(bad)).toThrow(/--port/);
  });

  it('sees a help flag only before `--`', () => {
    expect(asksForHelp(['-h'])).toBe(true);
    expect(asksForHelp(['exec', '--help'])).toBe(true);
    expect(asksForHelp(['exec', '--', 'jest', '--help'])).toBe(false);
  });

  it('explains a busy port in Chinese and English, and leaves other errors their message', () => {
    const busy = Object.assign(new Error('listen EADDRINUSE: address already in use 127.0.0.1:9000'), {
      code: 'EADDRINUSE',
      port: 9000,
    });
    expect(busyPortMessage(busy)).toContain('端口 9000 已被占用');
    expect(describeFailure(busy)).toContain('Port 9000 is already in use');
    expect(busyPortMessage(new Error('other'))).toBeUndefined();
    expect(describeFailure(new Error('已经是中文 / already bilingual'))).toBe('已经是中文 / already bilingual');
    expect(describeFailure(new RangeError('Invalid time value'))).toBe(
      '意外的错误，请带上这段信息报告问题 / unexpected error, please report it with this message: Invalid time value',
    );
    const missing = Object.assign(new Error("ENOENT: no such file or directory, open 'x'"), { code: 'ENOENT' });
    expect(describeFailure(missing)).toBe("找不到文件或目录（ENOENT）/ ENOENT: no such file or directory, open 'x'");
  });
});
