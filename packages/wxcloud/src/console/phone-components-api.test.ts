/**
 * The Phones tab's API on a page with custom components: a tap inside a component is offered with its
 * text, tapping it runs the component's method, and the screen shows the component's new state.
 */
import path from 'node:path';
import { useConsoleApi } from '../../test-support/console-api';
import { DEFAULT_LOCAL_APP } from '../wechat/apps';

const { emu, call } = useConsoleApi();
const miniprogramRoot = path.join(__dirname, '..', 'phone', 'fixtures', 'with-component');

type Phones = {
  phones: Array<{
    id: string;
    page: { data: string; taps: Array<{ handler: string; label: string }>; screen: { html: string } } | null;
  }>;
};

test("a tap inside a component is offered with its text and runs the component's method", async () => {
  const user = { OPENID: 'oComponents-phone-01', APPID: DEFAULT_LOCAL_APP.appid };
  const phone = await emu.emulator.phones.launch(user, { miniprogramRoot });
  const page = async () => (await call<Phones>('phones')).json.phones.find((entry) => entry.id === phone.id)?.page;

  expect((await page())?.taps).toContainEqual({ handler: 'counter#1.onPlus', label: '加 1' });
  expect((await call(`phones/${phone.id}/tap`, { handler: 'counter#1.onPlus' })).status).toBe(200);
  expect((await call(`phones/${phone.id}/tap`, { handler: 'counter#2.onPlus' })).status).toBe(404);

  const after = await page();
  expect(after?.screen.html).toContain('<wx-text class="times">点赞：1 次</wx-text>');
  expect(after?.screen.html).toContain('data-handler="counter#1.onPlus"');
  expect(JSON.parse(after?.data ?? '{}')).toMatchObject({ total: 1 }); // the page's handler got the event
});
