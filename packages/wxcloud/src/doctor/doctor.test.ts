import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { checkFunctionConfig } from './function-config';
import { exitCodeOf, formatReport } from './finding';
import { COMMON_ERRORS, printDoctorReport, projectSections } from './index';
import { loginStateFromAuthFile } from './tcb-login';

let root: string;
beforeEach(() => (root = mkdtempSync(path.join(tmpdir(), 'doctor-'))));
afterEach(() => rmSync(root, { recursive: true, force: true }));

function write(file: string, value: unknown): void {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), typeof value === 'string' ? value : JSON.stringify(value));
}

describe('a function config.json', () => {
  it('accepts a timeout, a memory size, one 7-field timer and open API names', () => {
    const text = JSON.stringify({
      timeout: 20,
      memorySize: 256,
      triggers: [{ name: 'nightly', type: 'timer', config: '0 0 2 * * * *' }],
      permissions: { openapi: ['phonenumber.getPhoneNumber'] },
    });
    expect(checkFunctionConfig('fn', text).map((finding) => finding.level)).toEqual(['ok']);
  });

  it('names each mistake with a fix', () => {
    const text = JSON.stringify({
      timeout: 1000,
      memorySize: 300,
      triggers: [
        { name: 't', type: 'timer', config: '*/5 * * * *' },
        { name: 'u', type: 'timer', config: '0 0 2 * * * *' },
      ],
      permissions: { openapi: ['getPhoneNumber'] },
    });
    const findings = checkFunctionConfig('fn', text);
    const text2 = findings.map((finding) => `${finding.what} ${finding.fix}`).join('\n');
    expect(findings.every((finding) => finding.level === 'fix')).toBe(true);
    expect(text2).toContain('"timeout" 1000 超出范围');
    expect(text2).toContain('"memorySize" 300');
    expect(text2).toContain('有 2 个定时触发器');
    expect(text2).toContain('cron "*/5 * * * *" 有 5 段');
    expect(text2).toContain('"getPhoneNumber" 不是接口名');
    expect(checkFunctionConfig('fn', '{').map((finding) => finding.level)).toEqual(['fix']);
    expect(checkFunctionConfig('fn', undefined).map((finding) => finding.level)).toEqual(['warn']);
  });
});

it('reads the tcb credential as the CLI would, and never claims more than the file says', () => {
  const now = Date.now();
  expect(loginStateFromAuthFile(undefined, now)).toEqual({ loggedIn: false, reason: 'no credential file' });
  expect(loginStateFromAuthFile('{', now)).toEqual({ loggedIn: false, reason: 'unreadable' });
  expect(loginStateFromAuthFile(JSON.stringify({ credential: { secretId: 'a', secretKey: 'b' } }), now)).toEqual({
    loggedIn: true,
    method: 'api key',
  });
  expect(
    loginStateFromAuthFile(
      JSON.stringify({ credential: { tmpSecretId: 'a', refreshToken: 'r', expired: now - 1 } }),
      now,
    ),
  ).toEqual({ loggedIn: false, reason: 'expired' });
});

const foreignProjectChecks =
  'checks a foreign project: tourist AppID, cloudbaserc entries without folders, ' +
  'bad rules; login cannot be told offline';
it(foreignProjectChecks, () => {
  write('project.config.json', { appid: 'touristappid', cloudfunctionRoot: 'fns/' });
  write('cloudbaserc.json', { envId: 'e', functionRoot: './fns', functions: [{ name: 'hello' }, { name: 'gone' }] });
  write('fns/hello/index.js', 'exports.main = async () => 1;');
  write('fns/hello/config.json', { timeout: 5 });
  write('fns/hello/todos.rules.json', { read: true });
  write('home/.config/.cloudbase/auth.json', { credential: { secretId: 'a', secretKey: 'b' } });
  const sections = projectSections(root, { HOME: path.join(root, 'home') });
  const lines = formatReport(sections).join('\n');
  expect(lines).toContain('✗ project.config.json 的 appid 是 "touristappid"');
  expect(lines).toContain('✗ cloudbaserc.json 列出了 "gone"');
  expect(lines).toContain('✓ hello/config.json: 超时 5 秒');
  expect(lines).toMatch(/✗ 安全规则文件有误 .*todos\.rules\.json/);
  expect(lines).toContain('? tcb 有登录凭据（API 密钥）；离线无法确认它是否仍有效');
  expect(exitCodeOf(sections)).toBe(1);
});

it('passes a sound project with exit code 0 and always lists the common errors', () => {
  write('project.config.json', { appid: 'wx0123456789abcdef' });
  write('cloudfunctions/hello/index.js', 'exports.main = async () => 1;');
  write('cloudfunctions/hello/config.json', { timeout: 5 });
  write('cloudfunctions/hello/todos.rules.json', { read: true, write: false });
  const printed: string[] = [];
  expect(
    printDoctorReport(projectSections(root, { HOME: path.join(root, 'home') }), (line) => printed.push(line)),
  ).toBe(0);
  const text = printed.join('\n');
  expect(text).toContain('✓ AppID wx0123456789abcdef');
  expect(text).toContain('! tcb 没有登录');
  for (const { code } of COMMON_ERRORS) expect(text).toContain(code);
  expect(text).toMatch(/-604101: .*permissions\.openapi/);
});
