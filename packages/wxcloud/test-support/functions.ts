/**
 * For the tests of this folder: the host with only the functions service, over the fixture project,
 * in memory on 127.0.0.1 port 0 (the client endpoint and `functions.invokeFunction` on /admin).
 */
import path from 'node:path';
import { startEmulator } from '../src/host/emulator';
import type { FunctionRuntime, FunctionRuntimeOptions } from '../src/functions/runtime';
import { functionsService, FUNCTIONS_SERVICE, type FunctionsService } from '../src/functions/service';

export const FIXTURE_PROJECT = path.join(__dirname, '..', 'src', 'functions', 'fixtures');

export interface TestServer {
  url: string;
  runtime: FunctionRuntime;
  close(): Promise<void>;
}

export async function startTestServer(
  options: Partial<Omit<FunctionRuntimeOptions, 'adminUrl'>> = {},
): Promise<TestServer> {
  const emulator = await startEmulator({
    inMemory: true,
    services: [functionsService({ projectRoot: FIXTURE_PROJECT, ...options })],
  });
  const { runtime } = emulator.service<FunctionsService>(FUNCTIONS_SERVICE) as FunctionsService;
  return { url: emulator.baseUrl, runtime, close: () => emulator.stop() };
}

export async function postJson(url: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
