import { adapterCore, runAdapterScenario } from './adapter-fixture';
import { createHonoApp, requireUser } from './hono';

const { core, newCode } = adapterCore();
const app = createHonoApp(core, { allowedOrigins: [], loopback: true });
app.get('/api/whoami', requireUser(core), (c) => c.json({ ok: true, data: { openid: c.get('user').openid } }));

it('serves the auth routes and guards the app’s routes on Hono (in-process, no socket)', async () => {
  await runAdapterScenario(async (method, path, body, token) => {
    const response = await app.request(`http://127.0.0.1${path}`, {
      method,
      headers: {
        host: '127.0.0.1',
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: response.status, body: await response.json() };
  }, newCode);
});

it('refuses a request addressed to a non-loopback host while listening on loopback', async () => {
  const response = await app.request('http://rebound.example/auth/me', { headers: { host: 'rebound.example' } });
  expect(response.status).toBe(403);
});
