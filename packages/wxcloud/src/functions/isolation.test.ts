/**
 * One function never takes the local cloud down: each way a function can break its instance fails
 * only its own call, over HTTP, while another call runs on and the emulator keeps answering.
 */
import { postJson, startTestServer, type TestServer } from '../../test-support/functions';
import { CLIENT_ERROR_CODES } from './platform-errors';

describe('a function that breaks its instance fails only its own call', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ initTimeoutMs: 5000 });
  });
  afterAll(() => server.close());

  const call = (name: string, data: unknown) => postJson(`${server.url}/functions/${name}`, { data });
  const errMsgOf = (answer: { body: Record<string, unknown> }) => String(answer.body.errMsg);

  it.each([
    ['a 100 MB result', 'hog', { mode: 'result', mb: 100 }, /MemoryLimitReached: .*memory size 128 MB/],
    [
      'an allocation loop past the V8 heap',
      'hog',
      { mode: 'heap' },
      /MemoryLimitReached: .*memory size 128 MB, its V8 heap is full/,
    ],
    ['process.exit(1)', 'exiter', { code: 1 }, /the function ended its instance \(process exited with code 1\)/],
    ['while (true) {}', 'slow', { mode: 'spin' }, /Invoking task timed out after 1 seconds/],
  ])('%s', async (_what, name, data, message) => {
    const bystander = call('hold', { ms: 1500 });
    const broken = await call(name, data);
    expect(broken.status).toBeGreaterThanOrEqual(500);
    expect(errMsgOf(broken)).toMatch(message);
    expect([CLIENT_ERROR_CODES.FUNCTION_EXECUTION_FAILED, CLIENT_ERROR_CODES.FUNCTION_TIMEOUT]).toContain(
      broken.body.errCode,
    );
    expect((await bystander).status).toBe(200);
    expect((await call('hold', {})).body).toMatchObject({ result: { calls: expect.any(Number) } });
  });

  it("writes what V8 said when it ran out of heap into that call's log", async () => {
    const before = server.runtime.recentInvocations().length;
    await call('hog', { mode: 'heap' });
    const record = server.runtime
      .recentInvocations()
      .slice(before)
      .find((entry) => entry.functionName === 'hog');
    expect(record?.logs.map((line) => line.text).join('\n')).toMatch(/heap out of memory|Reached heap limit/);
  });
});
