/**
 * One process per data directory, with a lock the kernel releases when the process dies (however
 * it dies): the lock is a listening local socket, not a file holding a pid. On Windows it is a
 * named pipe whose name derives from the directory (creating a second one fails at once). On
 * macOS and Linux each contender listens on its own uniquely named socket file in `<dir>/.lock/`,
 * then looks at the others: a socket that refuses connections belongs to a dead process and is
 * removed; a live holder ends the attempt ("in use"); a live contender makes both back off and try
 * again after a random pause. Two contenders can never both win: each lists the others only after
 * its own socket listens, so the later of the two always sees the earlier.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const LOCK_DIR = '.lock';
const LEGACY_LOCK_FILE = 'LOCK';
const PROBE_TIMEOUT_MS = 2000;
const MAX_ATTEMPTS = 50;
/** macOS allows 104 bytes in a socket path, Linux 108. */
const MAX_SOCKET_PATH = 100;

export interface DirectoryLock {
  release(): Promise<void>;
}

export class DirectoryInUseError extends Error {
  constructor(dir: string, owner: string) {
    super(`data directory ${dir} is in use by ${owner}; stop it first, or give this emulator another data directory`);
    this.name = 'DirectoryInUseError';
  }
}

type ProbeAnswer = { state: 'dead' } | { state: 'trying' | 'held'; pid: number | undefined };

export async function lockDirectory(dir: string): Promise<DirectoryLock> {
  fs.rmSync(path.join(dir, LEGACY_LOCK_FILE), { force: true }); // pid files of earlier versions mean nothing now
  if (process.platform === 'win32') return lockWithPipe(dir);
  const socketDir = socketDirectory(dir);
  fs.mkdirSync(socketDir, { recursive: true });
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const lock = await tryOnce(dir, socketDir);
    if (lock) return lock;
    await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 40));
  }
  throw new DirectoryInUseError(dir, 'another emulator starting at the same time');
}

async function lockWithPipe(dir: string): Promise<DirectoryLock> {
  const id = createHash('sha256').update(fs.realpathSync(dir).toLowerCase()).digest('hex').slice(0, 32);
  const state = { value: 'held' as const };
  try {
    const server = await listenOn(`\\\\.\\pipe\\wx-cloud-emulator-${id}`, () => state.value);
    return { release: () => closeServer(server) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new DirectoryInUseError(dir, 'another emulator');
    throw error;
  }
}

/** The lock, or undefined when a contender was seen (back off and retry); throws when held. */
async function tryOnce(dir: string, socketDir: string): Promise<DirectoryLock | undefined> {
  const own = `${process.pid}-${randomBytes(6).toString('hex')}.sock`;
  let state: 'trying' | 'held' = 'trying';
  const server = await listenOn(path.join(socketDir, own), () => state);
  try {
    let contended = false;
    for (const name of fs.readdirSync(socketDir)) {
      if (name === own || !name.endsWith('.sock')) continue;
      const answer = await probe(path.join(socketDir, name));
      if (answer.state === 'dead') fs.rmSync(path.join(socketDir, name), { force: true });
      else if (answer.state === 'held')
        throw new DirectoryInUseError(dir, answer.pid ? `process ${answer.pid}` : 'another process');
      else contended = true;
    }
    if (contended) {
      await closeServer(server);
      return undefined;
    }
    state = 'held';
    return { release: () => closeServer(server) };
  } catch (error) {
    await closeServer(server);
    throw error;
  }
}

function listenOn(address: string, state: () => string): Promise<net.Server> {
  const server = net.createServer((socket) => socket.end(`${JSON.stringify({ state: state(), pid: process.pid })}\n`));
  server.unref();
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(address, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}

function closeServer(server: net.Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

/** Asks the process behind a socket file what it is doing; a refused connection means it is gone. */
function probe(address: string): Promise<ProbeAnswer> {
  return new Promise((resolve) => {
    const socket = net.connect(address);
    let text = '';
    const timer = setTimeout(() => finish({ state: 'held', pid: undefined }), PROBE_TIMEOUT_MS);
    const finish = (answer: ProbeAnswer) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(answer);
    };
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (text += chunk));
    socket.on('end', () => finish(parseAnswer(text)));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      const gone = error.code === 'ECONNREFUSED' || error.code === 'ENOENT';
      finish(gone ? { state: 'dead' } : { state: 'held', pid: undefined });
    });
  });
}

function parseAnswer(text: string): ProbeAnswer {
  try {
    const answer = JSON.parse(text) as { state?: unknown; pid?: unknown };
    const pid = typeof answer.pid === 'number' ? answer.pid : undefined;
    return { state: answer.state === 'trying' ? 'trying' : 'held', pid };
  } catch {
    return { state: 'held', pid: undefined }; // something answered: assume it holds the directory
  }
}

/** `<dir>/.lock`, or a directory under the temp folder named after `dir` when that path would be too long. */
function socketDirectory(dir: string): string {
  const local = path.join(dir, LOCK_DIR);
  if (Buffer.byteLength(path.join(local, `${process.pid}-000000000000.sock`)) <= MAX_SOCKET_PATH) return local;
  const id = createHash('sha256').update(fs.realpathSync(dir)).digest('hex').slice(0, 24);
  return path.join(os.tmpdir(), `wx-cloud-emulator-${id}`);
}
