/**
 * `npm run emulator -- [--port N] [--in-memory] [--data DIR] [--env ID] [--collection NAME]...
 *  [--import DIR] [--export DIR] [--fault SPEC]... [--project DIR]`
 * Runs the emulator (database and the project's cloud functions) in the foreground on 127.0.0.1
 * and prints one line with `ready` and the base URL. Ctrl-C / SIGTERM stop it cleanly (journal
 * flushed; with --export, data exported first).
 */
import { parseArgs } from 'node:util';
import { parseFaultSpec } from './host/faults';
import { prepareConsole } from './console/service';
import { startLocalCloud, type LocalCloudOptions } from './local-cloud';

const USAGE = `Usage: npm run emulator -- [options]
  --port N            port on 127.0.0.1 (default 0: a free port)
  --in-memory         keep data in memory only
  --data DIR          data directory (default .emulator-data/ at the project root)
  --env ID            environment id for cloud.init({ env }) (default local-env)
  --collection NAME   create a collection at start (repeatable)
  --import DIR        import <collection>.json files at start
  --export DIR        export every collection to DIR when stopping
  --fault SPEC        inject faults, e.g. kind=error,actions=database.getDocument,rate=0.1 (repeatable;
                      kinds latency|error|reset|timeout; keys rate, when=before|after, ms, status)
  --project DIR       project whose project.config.json names the cloud functions (default: this one)
  -h, --help          show this help`;

export function parseCliOptions(argv: string[]): { options: LocalCloudOptions; exportDir?: string; help: boolean } {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      'in-memory': { type: 'boolean', default: false },
      data: { type: 'string' },
      env: { type: 'string' },
      collection: { type: 'string', multiple: true },
      import: { type: 'string' },
      export: { type: 'string' },
      fault: { type: 'string', multiple: true },
      project: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be an integer 0-65535, got ${values.port}`);
  if (values['in-memory'] && values.data) throw new Error('--in-memory and --data exclude each other');
  const options: LocalCloudOptions = {
    port,
    inMemory: values['in-memory'],
    dataDir: values.data,
    envId: values.env,
    collections: values.collection,
    importDir: values.import,
    faults: (values.fault ?? []).map(parseFaultSpec),
    ...(values.project ? { projectRoot: values.project } : {}),
  };
  return { options, exportDir: values.export, help: values.help ?? false };
}

async function main(): Promise<void> {
  let parsed: ReturnType<typeof parseCliOptions>;
  try {
    parsed = parseCliOptions(process.argv.slice(2));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (parsed.help) {
    console.log(USAGE);
    return;
  }
  const emulator = await startLocalCloud(parsed.options);
  const where = emulator.dataDir ? `data in ${emulator.dataDir}` : 'data in memory';
  const functions = emulator.runtime.listFunctions().map((definition) => definition.name).join(', ') || 'none';
  console.log(
    `CloudBase emulator ready at ${emulator.baseUrl} (database endpoint ${emulator.dbUrl}, functions ${functions} at ${emulator.baseUrl}/functions/<name>, env ${emulator.envId}, ${where})`,
  );
  console.log(`控制台 / console: ${emulator.baseUrl}/`);
  prepareConsole();
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    if (parsed.exportDir) {
      const counts = emulator.exportData(parsed.exportDir);
      console.log(`exported ${JSON.stringify(counts)} to ${parsed.exportDir}`);
    }
    await emulator.stop();
    console.log(`emulator stopped (${signal})`);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(`emulator failed to start: ${(error as Error).message ?? String(error)}`);
    process.exit(1);
  });
}
