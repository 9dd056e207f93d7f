import path from 'node:path';
import { SimulatedDevice } from '../device';
import { pageScreen, tap, tapTargets } from '../taps';
import { usedComponents } from './components';

const root = path.join(__dirname, '..', 'fixtures', 'with-component');
const page = {
  route: 'pages/home/home',
  data: {
    items: [
      { name: '甲', count: 2 },
      { name: '乙', count: 0 },
    ],
  },
};

test("a page's custom components are read with their templates, properties, data and their own components", () => {
  const { badge, counter, ...others } = usedComponents(root, page.route);
  expect(Object.keys(others)).toEqual([]); // one not found and a plugin's are left out
  expect(counter?.properties).toEqual({ label: { type: 'String', value: '计数' }, step: { type: 'Number', value: 1 } });
  expect(badge).toMatchObject({
    properties: { label: { type: 'String' }, count: { type: 'Number', value: 0 } },
    data: { hint: '提示' },
    usingComponents: { dot: { properties: { n: { type: 'Number' } } } },
  });
  expect(badge!.template).toContain('bindtap="onOwnTap"'); // its own bindings call its methods on the phone
});

test('the page renders through its components: bound properties, their data, nested components, slots, WXSS', () => {
  const { html, css } = pageScreen(root, page, (text) => text);
  const badges = html.split(/<wx-view class="badge" data-handler="badge#\d\.onOwnTap">/).slice(1);
  expect(badges).toHaveLength(2);
  expect(badges[0]).toContain('<wx-text class="label">甲</wx-text><wx-text class="dot">2</wx-text>');
  expect(badges[0]).toContain('<wx-text class="hint">提示</wx-text>');
  expect(badges[0]).toContain('<wx-view class="pick" data-name="甲" data-handler="onPick">选 甲</wx-view>');
  expect(badges[1]).toContain('<wx-text class="label">乙</wx-text><wx-text class="hint">'); // no dot for 0
  expect(css).toMatch(/\.phone-frame \.badge \{\s*padding: 10px;\s*\}/);
});

test("what can be tapped is the page's handlers, also in a component's slot, and the component's own", async () => {
  const targets = tapTargets(root, page);
  expect(targets.map(({ handler, label }) => [handler, label])).toEqual([
    ['badge#1.onOwnTap', '甲 2 提示 选 甲'],
    ['onPick', '选 甲'],
    ['badge#2.onOwnTap', '乙 提示 选 乙'],
    ['onPick(2)', '选 乙'], // the second element bound to onPick
  ]);
  expect(targets[1]).toEqual({
    handler: 'onPick',
    label: '选 甲',
    id: '',
    dataset: { name: '甲' },
    bubbles: [{ handler: 'badge#1.onOwnTap', id: '', dataset: {}, component: { key: '/0.0', method: 'onOwnTap' } }],
  }); // a tap on what the page put in the slot bubbles to the badge's own view
  const device = new SimulatedDevice({
    baseUrl: 'http://127.0.0.1:9',
    user: { OPENID: 'o1', APPID: 'wx1' },
    miniprogramRoot: root,
  });
  const launch = await device.launch();
  try {
    const home = launch.page(page.route);
    tap(home, tapTargets(root, home), 'onPick');
    expect((launch.app.globalData as { picked?: string }).picked).toBe('甲');
    await new Promise((resolve) => setTimeout(resolve, 0)); // wx.showToast answers asynchronously
    expect(launch.dialogs.toasts.map((toast) => toast.title)).toEqual(['badge']); // the badge's onOwnTap ran too
    tap(home, tapTargets(root, home), 'onPick(2)');
    expect((launch.app.globalData as { picked?: string }).picked).toBe('乙');
  } finally {
    launch.close();
  }
});
