import path from 'node:path';
import { SimulatedDevice, type Launch } from '../device';
import { pageScreen, tap, tapTargets } from '../taps';

const root = path.join(__dirname, '..', 'fixtures', 'with-component');
const route = 'pages/home/home';
type Globals = {
  lifetimes: string[];
  steps: number[];
  changes: Array<{ type: string; detail: unknown; target: { id: string } }>;
};

let launch: Launch;
beforeEach(async () => {
  const device = new SimulatedDevice({
    baseUrl: 'http://127.0.0.1:9',
    user: { OPENID: 'o1', APPID: 'wx1' },
    miniprogramRoot: root,
  });
  launch = await device.launch();
});
afterEach(() => launch.close());

const globals = () => launch.app.globalData as unknown as Globals;
const counterText = () => {
  const { html } = pageScreen(root, launch.page(route), (text) => text);
  return /<wx-text class="times">([^<]*)<\/wx-text>/.exec(html)?.[1];
};

test("a component's tap runs its method: its state changes and shows, the page's handler gets the event", () => {
  const home = launch.page(route);
  const targets = tapTargets(root, home);
  expect(targets.find((target) => target.label === '加 1')).toMatchObject({
    handler: 'counter#1.onPlus',
    dataset: { step: 1 },
  });
  expect(counterText()).toBe('点赞：0 次');

  tap(home, targets, 'counter#1.onPlus');
  tap(home, tapTargets(root, home), 'counter#1.onPlus');

  expect(counterText()).toBe('点赞：2 次');
  expect(tapTargets(root, home).find((target) => target.label === '减 1')?.handler).toBe('counter#1.onPlus(2)');
  tap(home, tapTargets(root, home), 'counter#1.onPlus(2)'); // the second element bound to the same method
  expect(counterText()).toBe('点赞：1 次');
  expect(globals().changes.map(({ type, detail }) => ({ type, detail }))).toEqual([
    { type: 'change', detail: { times: 1 } },
    { type: 'change', detail: { times: 2 } },
    { type: 'change', detail: { times: 1 } },
  ]);
  expect(globals().changes[0]?.target.id).toBe('likes');
  expect(home.data.total).toBe(1);
  expect((home.likes as () => number)()).toBe(1); // the page's selectComponent('#likes')
  expect(pageScreen(root, home, (text) => text).html).toContain('合计 1');
});

test('lifetimes run once while the component shows, detached when the page stops showing it', () => {
  const home = launch.page(route);
  for (let i = 0; i < 3; i += 1) tapTargets(root, home); // every render finds the same instance
  expect(globals().lifetimes).toEqual(['created', 'attached', 'ready']);

  home.setData({ showCounter: false });
  expect(globals().lifetimes).toEqual(['created', 'attached', 'ready', 'detached']);
  expect(tapTargets(root, home).some((target) => target.handler.startsWith('counter'))).toBe(false);

  home.setData({ showCounter: true }); // a new instance, with its own initial data
  expect(globals().lifetimes.slice(4)).toEqual(['created', 'attached', 'ready']);
  expect(counterText()).toBe('点赞：0 次');
});

test("a property follows the page's data, typed as declared, and its observer runs when it changes", () => {
  const home = launch.page(route);
  home.setData({ step: '5' }); // a Number property: the string becomes 5
  expect(tapTargets(root, home).find((target) => target.handler === 'counter#1.onPlus')).toMatchObject({
    label: '加 5',
    dataset: { step: 5 },
  });
  tap(home, tapTargets(root, home), 'counter#1.onPlus');
  expect(counterText()).toBe('点赞：5 次');
  home.setData({ step: 5 }); // the same value: no observer
  home.setData({ step: 2 });
  expect(globals().steps).toEqual([5, 2]);
  expect(counterText()).toBe('点赞：5 次'); // the component keeps its own data
  expect(launch.logs).toEqual([]);
});

test("the page's being covered and shown again runs its components' pageLifetimes", async () => {
  await launch.wx.navigateTo({ url: '/pages/fancy/fancy' });
  await launch.wx.navigateBack({});
  expect(globals().lifetimes).toEqual(['created', 'attached', 'ready', 'page hide', 'page show']);
});

test('closing the page detaches its components', () => {
  launch.close();
  expect(globals().lifetimes).toEqual(['created', 'attached', 'ready', 'detached']);
});

test('a component as UI libraries write one: WXS files, include, shorthand, computed handler, behaviors', async () => {
  await launch.wx.navigateTo({ url: '/pages/fancy/fancy' });
  const fancy = launch.page('pages/fancy/fancy');
  const { html } = pageScreen(root, fancy, (text) => text);
  expect(html).toContain('<wx-button class="fancy fancy--primary fancy--round" data-handler="fancy-button#1.onClick">');
  expect(html).toContain('<wx-button class="fancy fancy--default fancy--disabled">'); // nothing bound while disabled
  const targets = tapTargets(root, fancy);
  expect(targets.map(({ handler, label }) => [handler, label])).toEqual([
    ['onCard', '● 微信登录 稍后 不往外传'],
    ['fancy-button#1.onClick', '● 微信登录'],
    ['onOwn', '不往外传'],
  ]);
  expect(html.match(/class="mark"/g)).toHaveLength(1); // <include wx:if="{{ round }}" src="./mark.wxml" />

  expect(launch.logs).toEqual([
    { level: 'error', text: expect.stringContaining('components/broken/broken.wxml: component no-such-tag not found') },
  ]); // the rest of the page still shows; reported once however often it renders

  tap(fancy, targets, 'fancy-button#1.onClick'); // bubbles out of the component to the page's card
  tap(fancy, targets, 'onOwn'); // a catchtap: the card is not told
  expect(globals().changes).toEqual([
    expect.objectContaining({
      type: 'click',
      detail: { sdk: expect.stringMatching(/^\d+\.\d+\.\d+$/), nextTick: true, callback: 'kept' },
    }),
    { type: 'card', currentTarget: { id: '', dataset: {} } },
    { type: 'own' },
  ]);
});
