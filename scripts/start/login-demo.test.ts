import { useLocalCloud } from '../../test/helpers/local-cloud';
import { DEMO_USERS, runLoginDemo } from './login-demo';

const local = useLocalCloud();

it('plays the login flow and reports what happened at each step', async () => {
  const titles: string[] = [];
  const steps = await runLoginDemo(local.cloud.baseUrl, { stepStarted: (title) => titles.push(title) });
  expect(titles).toEqual(steps.map((step) => step.title));
  const [first, warm, twoDevices, noUnion, laterUnion] = steps.map((step) => step.outcomes);

  expect(first).toEqual([expect.objectContaining({ status: 'signedIn', isNewUser: true, loginCount: 1, calls: 1 })]);
  expect(warm?.[0]).toMatchObject({ status: 'signedIn', isNewUser: false, loginCount: 2, calls: 1 });
  expect(twoDevices?.map((o) => o.loginCount).sort()).toEqual([1, 2]);
  expect(twoDevices?.filter((o) => o.isNewUser)).toHaveLength(1);
  expect(noUnion?.[0]).toMatchObject({ isNewUser: true, unionid: null });
  expect(laterUnion?.[0]).toMatchObject({ loginCount: 2, unionid: 'uDemo-carol' });
  for (const outcome of steps.flatMap((step) => step.outcomes)) expect(outcome.msToUser).not.toBeNull();

  const users = await local.users();
  expect(users.map((user) => [user._id, user.loginCount]).sort()).toEqual(
    [
      [DEMO_USERS.alice.OPENID, 2],
      [DEMO_USERS.bob.OPENID, 2],
      [DEMO_USERS.carol.OPENID, 2],
    ].sort(),
  );

  const rerun = await runLoginDemo(local.cloud.baseUrl, {}, { returningUsers: true });
  expect(rerun[0]?.title).toContain('returning user');
  expect(rerun[0]?.outcomes[0]).toMatchObject({ isNewUser: false, loginCount: 3 });
  expect(rerun[3]?.outcomes[0]).toMatchObject({ isNewUser: false, unionid: 'uDemo-carol' });
}, 30_000);
