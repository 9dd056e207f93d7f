import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import { adapterCore, fetchCall, runAdapterScenario } from './adapter-fixture';
import { koaAuth } from './koa';

let server: Server;
const { core, newCode } = adapterCore();

beforeAll(async () => {
  const app = new Koa();
  const auth = koaAuth(core);
  app.use(auth.routes);
  app.use(async (ctx, next) => {
    if (ctx.path !== '/api/whoami') return next();
    await auth.requireUser(ctx, async () => {
      ctx.body = { ok: true, data: { openid: (ctx.state.user as { openid: string }).openid } };
    });
  });
  await new Promise<void>((resolve) => (server = app.listen(0, '127.0.0.1', resolve)));
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

it('serves the auth routes and guards the app’s routes on Koa', async () => {
  await runAdapterScenario(
    fetchCall(() => `http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    newCode,
  );
});
