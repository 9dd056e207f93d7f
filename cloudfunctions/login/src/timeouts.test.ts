import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DATABASE_REQUEST_TIMEOUT_MS, worstCaseRetriesMs } from '../../../core/kit/limits';

const config = JSON.parse(readFileSync(path.join(__dirname, '..', 'config.json'), 'utf8')) as { timeout: number };

describe('time limits', () => {
  it('lets every try time out and still answer UNAVAILABLE before the function timeout, with a second to spare', () => {
    expect(worstCaseRetriesMs()).toBeLessThanOrEqual(config.timeout * 1000 - 1000);
  });

  it('is shorter than node-sdk’s own 15 s default, which would outlive the function', () => {
    expect(DATABASE_REQUEST_TIMEOUT_MS).toBeLessThan(15_000);
    expect(worstCaseRetriesMs(15_000)).toBeGreaterThan(config.timeout * 1000);
  });
});
