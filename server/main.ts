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

启动自己的登录服务器 / starts your own login server.

  --emulator URL   使用正在运行的模拟器（npm run emulator）提供微信接口和数据库
                   use a running emulator for WeChat's API and the database
  --port N         端口，默认取环境变量 PORT，否则 3000 / port (default: PORT, else 3000)
  -h, --help       显示帮助 / show this help

环境变量 / Environment: WX_APPID, WX_APPSECRET, AUTH_TOKEN_SECRET（不带 --emulator 时必填 / required
without --emulator），见 / see docs/server-login.md`;

/** Why the server could not start, with a fix for a busy port. */
function startFailure(error: unknown): string {
  const { code, port, message } = (error ?? {}) as { code?: string; port?: number; message?: string };
  if (code === 'EADDRINUSE') {
    return [
      `服务器没有启动：端口 ${port ?? ''} 已被占用。换一个端口（--port N 或 PORT），或先停止占用它的进程。`,
      `server failed to start: port ${port ?? ''} is already in use. ` +
        `Choose another (--port N or PORT) or stop the process that holds it.`,
    ].join('\n');
  }
  return `服务器没有启动 / server failed to start: ${message ?? String(error)}`;
}

class UsageError extends Error {}

function parseOptions(args: string[]) {
  try {
    return parseArgs({
      args,
      options: { emulator: { type: 'string' }, port: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    throw new UsageError(`参数有误 / bad argument: ${(error as Error).message}`);
  }
}

async function main(): Promise<void> {
  const { values } = parseOptions(process.argv.slice(2));
  if (values.help) return void console.log(USAGE);
  const env = values.emulator ? emulatorEnvironment(values.emulator, process.env) : { ...process.env };
  if (values.port !== undefined) env.PORT = values.port;
  if (values.emulator) Object.assign(process.env, env); // node-sdk reads its endpoint from process.env
  const config = loadConfig(env);
  const server = await startServer(config);
  console.log(
    `服务器已启动 / server ready at ${server.url} (app ${config.WX_APPID}, 微信接口 / WeChat API ${config.WX_API_BASE})`,
  );
  console.log('Ctrl-C 停止 / to stop');
  const stop = async (signal: string) => {
    await server.stop();
    console.log(`服务器已停止 / server stopped (${signal})`);
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(
      error instanceof ConfigError || error instanceof UsageError
        ? `${error.message}\n\n${USAGE}`
        : startFailure(error),
    );
    process.exit(error instanceof ConfigError || error instanceof UsageError ? 2 : 1);
  });
}
