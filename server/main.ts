/**
 * `npm run server -- [--emulator <base>] [--port N]`: the developer's own server, in the
 * foreground. Configuration comes from the environment (see config.ts and docs/server-login.md);
 * with --emulator it talks to a running local emulator for WeChat's API and the database, and
 * fills what a local run needs (the emulator's default app, a throwaway signing secret).
 * Prints one line with `ready` and its URL.
 */
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from './config';
import { emulatorEnvironment } from './local-run';
import { startServer } from './start-server';

const USAGE = `用法 / Usage: npm run server -- [--emulator <base>] [--port N]
  --emulator URL   use a running emulator (npm run emulator) for WeChat's API and the database
  --port N         port (default: PORT, else 3000)
Environment: WX_APPID, WX_APPSECRET, AUTH_TOKEN_SECRET (required without --emulator), see docs/server-login.md`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { emulator: { type: 'string' }, port: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) return void console.log(USAGE);
  const env = values.emulator ? emulatorEnvironment(values.emulator, process.env) : { ...process.env };
  if (values.port !== undefined) env.PORT = values.port;
  if (values.emulator) Object.assign(process.env, env); // node-sdk reads its endpoint from process.env
  const config = loadConfig(env);
  const server = await startServer(config);
  console.log(`server ready at ${server.url} (app ${config.WX_APPID}, WeChat API ${config.WX_API_BASE})`);
  const stop = async () => {
    await server.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(
      error instanceof ConfigError
        ? `${error.message}\n\n${USAGE}`
        : `server failed to start: ${(error as Error).message ?? String(error)}`,
    );
    process.exit(error instanceof ConfigError ? 2 : 1);
  });
}
