/**
 * For the tests of this folder: a runtime over the fixture project, served by a small Hono app on
 * 127.0.0.1 port 0 that mounts the client endpoint and an `/admin` route dispatching this part's
 * action table (the real emulator server does the same with its database actions).
 */
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createClientEndpoint } from './client-endpoint';
import { createFunctionActions } from './invoke-action';
import { createFunctionRuntime, type FunctionRuntime, type FunctionRuntimeOptions } from './runtime';

export const FIXTURE_PROJECT = path.join(__dirname, 'fixtures');

export interface TestServer {
  url: string;
  runtime: FunctionRuntime;
  close(): Promise<void>;
}

export async function startTestServer(options: Partial<FunctionRuntimeOptions> = {}): Promise<TestServer> {
  let url = '';
  const runtime = createFunctionRuntime({ projectRoot: FIXTURE_PROJECT, adminUrl: () => `${url}/admin`, ...options });
  const actions = createFunctionActions(runtime);
  const app = new Hono();
  app.route('/', createClientEndpoint(runtime));
  app.post('/admin', async (c) => {
    const body = (await c.req.json()) as { action?: string };
    const action = actions[body.action ?? ''];
    if (!action) return c.json({ code: 'INVALID_ACTION', message: `unknown action ${body.action}`, requestId: 'test' });
    const params = action.schema.parse(body);
    return c.json(await action.handle(params, { headers: Object.fromEntries(c.req.raw.headers) }));
  });
  const server: ServerType = await new Promise((resolve) => {
    const started = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(started));
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    runtime,
    async close() {
      await runtime.stop();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

export async function postJson(url: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
