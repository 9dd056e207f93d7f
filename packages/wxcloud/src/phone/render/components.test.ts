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
  const { badge, ...others } = usedComponents(root, page.route);
  expect(Object.keys(others)).toEqual([]); // one not found and a plugin's are left out
  expect(badge).toMatchObject({
    properties: { label: { type: 'String' }, count: { type: 'Number', value: 0 } },
    data: { hint: '提示' },
    usingComponents: { dot: { properties: { n: { type: 'Number' } } } },
  });
  expect(badge!.template).not.toContain('onOwnTap'); // the component's methods do not run here
});

test('the page renders through its components: bound properties, their data, nested components, slots, WXSS', () => {
  const { html, css } = pageScreen(root, page, (text) => text);
  const badges = html.split('<wx-view class="badge">').slice(1);
  expect(badges).toHaveLength(2);
  expect(badges[0]).toContain('<wx-text class="label">甲</wx-text><wx-text class="dot">2</wx-text>');
  expect(badges[0]).toContain('<wx-text class="hint">提示</wx-text>');
  expect(badges[0]).toContain('<wx-view class="pick" data-name="甲" data-handler="onPick">选 甲</wx-view>');
  expect(badges[1]).toContain('<wx-text class="label">乙</wx-text><wx-text class="hint">'); // no dot for 0
  expect(css).toMatch(/\.phone-frame \.badge \{\s*padding: 10px;\s*\}/);
});

test("what can be tapped is the page's own handlers, also in a component's slot; a tap reaches the page", async () => {
  const targets = tapTargets(root, page);
  expect(targets).toEqual([
    { handler: 'onPick', label: '选 甲', id: '', dataset: { name: '甲' } },
    { handler: 'onPick', label: '选 乙', id: '', dataset: { name: '乙' } },
  ]);
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
  } finally {
    launch.close();
  }
});
