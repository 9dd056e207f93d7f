import { useLocalCloud } from '../../test/helpers/local-cloud';
import { DEMO_APPS, runAccountsDemo } from './accounts-demo';

const local = useLocalCloud({ wechat: { apps: DEMO_APPS } });

it('signs alice in through the mini-program, a 公众号 page and a website page, to one account', async () => {
  const { server, lines } = await runAccountsDemo(local.cloud);
  try {
    expect(lines).toHaveLength(3);
    expect(lines.every((line) => line.ok)).toBe(true);
    const ids = lines.map((line) => /accountId (acc_[0-9a-f]+)/.exec(line.text)?.[1]);
    expect(new Set(ids).size).toBe(1);
    expect((await fetch(`${server.url}/demo`)).status).toBe(200);
  } finally {
    await server.stop();
  }
});
