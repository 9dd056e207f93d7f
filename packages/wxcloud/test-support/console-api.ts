/**
 * Jest helper for the console API suites: the whole local cloud (in memory, port 0) with an
 * example service that contributes a panel, a WeChat clock the test moves, and `call` to the
 * console's JSON API.
 */
import { startLocalCloud } from '../src/local-cloud';
import type { EmulatorService } from '../src/host/service';
import { apiPath, type ConsoleError, type QueryResponse } from '../src/console/api-types';
import { useStartedEmulator } from './use-emulator';

const example: EmulatorService = {
  name: 'example',
  consolePanels: [
    {
      id: 'example',
      title: { zh: '示例', en: 'Example' },
      content: () => ({
        blocks: [
          { kind: 'table', columns: [{ key: 'file', title: { zh: '文件', en: 'File' } }], rows: [{ file: 'a.png' }] },
        ],
      }),
    },
  ],
};

export function useConsoleApi() {
  let now = Date.now();
  const clock = {
    advance: (ms: number) => {
      now += ms;
    },
  };
  const emu = useStartedEmulator(() =>
    startLocalCloud({
      inMemory: true,
      port: 0,
      collections: ['users'],
      services: [() => example],
      wechat: { now: () => now },
    }),
  );

  async function call<T>(
    path: string,
    body?: unknown,
    contentType = 'application/json',
  ): Promise<{ status: number; json: T & { error?: ConsoleError } }> {
    const init =
      body === undefined
        ? {}
        : {
            method: 'POST',
            headers: { 'content-type': contentType },
            body: typeof body === 'string' ? body : JSON.stringify(body),
          };
    const response = await fetch(`${emu.emulator.baseUrl}${apiPath(path)}`, init);
    return { status: response.status, json: (await response.json()) as T & { error?: ConsoleError } };
  }

  const ids = async (collection = 'users') =>
    (await call<QueryResponse>('database/query', { collection })).json.documents.map((doc) => doc.id);

  return { emu, clock, call, ids };
}
