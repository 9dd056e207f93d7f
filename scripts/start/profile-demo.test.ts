import { useLocalCloud } from '../../test/helpers/local-cloud';
import { PROFILE_DEMO_USER, runProfileDemo } from './profile-demo';

const local = useLocalCloud();

it('fills in a profile through the page and reports what it shows at each step', async () => {
  const titles: string[] = [];
  const steps = await runProfileDemo(local.cloud.baseUrl, { stepStarted: (title) => titles.push(title) });
  expect(titles).toEqual(steps.map((step) => step.title));
  expect(steps.map((step) => step.ok)).toEqual([true, true, true, true, true]);
  expect(steps[0]?.shown).toBe('昵称 未设置，手机号 未绑定');
  expect(steps[3]?.shown).toMatch(/^CONTENT_RISKY：.+昵称仍为 小多$/);
  expect(steps[4]?.shown).toMatch(/138\*\*\*\*8000/);
  const [stored] = (await local.users()).filter((user) => user._id === PROFILE_DEMO_USER.OPENID);
  expect(stored).toMatchObject({
    nickName: '小多',
    phone: { phoneNumber: '13800138000' },
    avatarFileId: expect.stringMatching(/^cloud:\/\//),
  });
}, 30_000);
