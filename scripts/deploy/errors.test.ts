import { explainCliFailure, failureLines, interpretTcbResult } from './errors';

/** What @cloudbase/cli 2.12.10 printed for `tcb fn deploy login --force` with no login: and exited 0. */
const NOT_LOGGED_IN_OUTPUT = [
  'CloudBase CLI 2.12.10',
  'No valid identity information, will automatically open authorization page for you.',
  '- Authorize on the authorization page open in the browser.',
  '✔ Authorization login successful!',
  '- Cloud function deploying...',
  '✖ [login] 函数部署失败',
  '✖   错误信息: No valid identity information, please use cloudbase login to login',
].join('\n');

describe('interpretTcbResult', () => {
  it("treats the CLI's exit code 0 with a failure line as a failure, with the login fix", () => {
    const outcome = interpretTcbResult(0, NOT_LOGGED_IN_OUTPUT);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.message).toContain('错误信息: No valid identity information');
    expect(outcome.causes[0]?.fix).toContain('npx tcb login');
  });

  it('accepts a success line in either language', () => {
    expect(interpretTcbResult(0, '✔ [login] 云函数部署成功！')).toEqual({ ok: true });
    expect(interpretTcbResult(0, '✔ [login] Cloud function deployed successfully!')).toEqual({ ok: true });
  });

  it('fails a non-zero exit even with a success line, and a silent run', () => {
    expect(interpretTcbResult(1, '✔ [login] 云函数部署成功！').ok).toBe(false);
    const silent = interpretTcbResult(0, 'CloudBase CLI 2.12.10');
    expect(silent.ok).toBe(false);
    if (!silent.ok) expect(silent.causes[0]?.cause).toContain('without reporting success');
  });
});

describe('explainCliFailure', () => {
  it.each([
    ['✖ 错误信息: 你指定的环境 Id cloud1-x 不存在，请指定正确的环境 Id！', 'wrong env id'],
    [
      'The environment ID cloud1-x you specified does not exist, please specify the correct environment ID!',
      'wrong env id',
    ],
    ['errCode: -404011 cloud function execution error', '-404011'],
    ["Error: Cannot find module 'wx-server-sdk'", 'missing module'],
    ['Error: connect ETIMEDOUT 1.2.3.4:443', 'could not reach'],
  ])('maps %s', (output, expected) => {
    expect(
      explainCliFailure(output)
        .map((cause) => cause.cause)
        .join(' | '),
    ).toContain(expected);
  });

  it('maps -404011 caused by a missing module to both causes', () => {
    const causes = explainCliFailure("-404011 ... -504002 Cannot find module 'wx-server-sdk'").map(
      (cause) => cause.cause,
    );
    expect(causes).toHaveLength(2);
  });

  it("keeps the CLI's error lines and drops stack frames", () => {
    const lines = failureLines(
      'ok line\n✖ deploy failed\n    at Object.<anonymous> (cli.js:1:1)\n  错误码: ResourceNotFound',
    );
    expect(lines).toEqual(['✖ deploy failed', '错误码: ResourceNotFound']);
  });
});
