/** Tap targets come from the page's own WXML; only those can be tapped. */
import { DEFAULT_MINIPROGRAM_ROOT } from './device';
import type { PageInstance } from './pages';
import { tap, tapTargets } from './taps';

test('the index page binds its taps: the profile entry, the login button, the retry button', () => {
  expect(tapTargets(DEFAULT_MINIPROGRAM_ROOT, 'pages/index/index')).toEqual([
    { handler: 'onOpenProfile', label: 'onOpenProfile' },
    { handler: 'onLogin', label: '微信登录' },
    { handler: 'onRetry', label: '重试' },
  ]);
  expect(tapTargets(DEFAULT_MINIPROGRAM_ROOT, 'pages/none/none')).toEqual([]);
});

test('a tap calls the bound handler with a tap event; anything else is refused', () => {
  const events: unknown[] = [];
  const page = {
    route: 'p',
    data: {},
    options: {},
    setData: () => undefined,
    onRetry: (event: unknown) => events.push(event),
    onUnload: () => events.push('unload'),
  } as unknown as PageInstance;
  const targets = [{ handler: 'onRetry', label: '重试' }];
  tap(page, targets, 'onRetry');
  expect(events).toEqual([expect.objectContaining({ type: 'tap', detail: {} })]);
  expect(() => tap(page, targets, 'onUnload')).toThrow('binds no tap handler "onUnload"');
});
