import { Hono } from 'hono';
import { startEmulator } from './emulator';
import { RouteClaims } from './route-claims';
import type { ServiceFactory } from './service';

const serving =
  (name: string, ...paths: string[]): ServiceFactory =>
  () => ({ name, routes: (app) => paths.forEach((path) => app.get(path, (c) => c.text(name))) });

test.each([
  ['/functions/:name', '/functions/login/trigger'],
  ['/storage/files/*', '/storage/files/a.png'],
  ['/wechat/session', '/wechat/session'],
  ['/', '/'],
])("a route of one service overlapping another's is refused: %s vs %s", (first, second) => {
  const claims = new RouteClaims();
  claims.claim('a', first);
  expect(() => claims.claim('b', second)).toThrow(/of service "b" overlaps routes of service "a"/);
});

test.each([
  ['/wechat/session', '/wechat/login-code'],
  ['/functions/:name', '/function-logs'],
  ['/', '/console/api/stats'],
  ['/wechat-api/cgi-bin/token', '/wechat-api/wxa/business/getuserphonenumber'],
])('routes that do not overlap may belong to two services: %s and %s', (first, second) => {
  const claims = new RouteClaims();
  claims.claim('a', first);
  expect(() => claims.claim('b', second)).not.toThrow();
});

test('sub-apps mounted with route() claim the paths they hold; one service may hold overlapping routes', () => {
  const claims = new RouteClaims();
  const app = claims.appFor(new Hono(), 'a');
  const api = new Hono();
  api.get('/collections/:name', (c) => c.text('x'));
  app.route('/console/api', api);
  app.get('/console/api/collections/x', (c) => c.text('same service'));
  expect(() => claims.claim('b', '/console/api/collections/users')).toThrow(/overlaps routes of service "a"/);
});

test('the host refuses two services claiming one route prefix, naming both', async () => {
  await expect(
    startEmulator({ inMemory: true, services: [serving('first', '/shared/:id'), serving('second', '/shared/x')] }),
  ).rejects.toThrow(/route \/shared\/x of service "second" overlaps routes of service "first"/);
  const fine = await startEmulator({
    inMemory: true,
    services: [serving('first', '/one/:id'), serving('second', '/two/:id')],
  });
  expect(await (await fetch(`${fine.baseUrl}/two/9`)).text()).toBe('second');
  await fine.stop();
});

test("a fallback route may cover another service's routes: it answers only what they do not", async () => {
  const fallback: ServiceFactory = () => ({
    name: 'fallback',
    fallbackRoutes: (app) => app.get('/shared/*', (c) => c.text('fallback')),
  });
  const emulator = await startEmulator({ inMemory: true, services: [fallback, serving('owner', '/shared/x')] });
  expect(await (await fetch(`${emulator.baseUrl}/shared/x`)).text()).toBe('owner');
  expect(await (await fetch(`${emulator.baseUrl}/shared/y`)).text()).toBe('fallback');
  await emulator.stop();
  const twin: ServiceFactory = () => ({
    name: 'twin',
    fallbackRoutes: (app) => app.get('/shared/*', (c) => c.text('twin')),
  });
  await expect(startEmulator({ inMemory: true, services: [fallback, twin] })).rejects.toThrow(
    /of service "twin" overlaps routes of service "fallback"/,
  );
});
