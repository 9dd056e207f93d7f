import { useLocalCloud } from '../../test/helpers/local-cloud';
import { runServerDemo } from './server-demo';

const local = useLocalCloud();

it('plays the code2Session path: login, an authenticated request and a logout per phone, all succeeding', async () => {
  const { lines } = await runServerDemo(local.cloud);
  expect(lines).toHaveLength(6);
  expect(lines.every((line) => line.ok)).toBe(true);
  // the phone's launch logged alice in through the cloud function first
  expect(lines[0]?.text).toMatch(/returning user, loginCount 2/);
  expect(lines[3]?.text).toMatch(/returning user, loginCount 2/);
  expect((await local.users()).map((user) => user._id).sort()).toEqual(['oDemo-alice-0001', 'oDemo-dave-0004']);
});
