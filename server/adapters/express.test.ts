import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { adapterCore, fetchCall, runAdapterScenario } from './adapter-fixture';
import { expressAuth } from './express';

let server: Server;
const { core, newCode } = adapterCore();

beforeAll(async () => {
  const app = express();
  const auth = expressAuth(core);
  app.use(auth.routes);
  app.get(
    '/api/whoami',
    auth.requireUser,
    (_req, res) => void res.json({ ok: true, data: { openid: res.locals.user.openid } }),
  );
  await new Promise<void>((resolve) => (server = app.listen(0, '127.0.0.1', resolve)));
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

it('serves the auth routes and guards the app’s routes on Express', async () => {
  await runAdapterScenario(
    fetchCall(() => `http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    newCode,
  );
});
