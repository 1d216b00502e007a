import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';

/** A running moto server (a real AWS API emulator on loopback). */
export interface RunningEmulator {
  /** e.g. http://127.0.0.1:41234; what AWS_ENDPOINT_URL is set to. */
  readonly endpoint: string;
  readonly pid: number;
  readonly logFile: string;
  /** Stops the server by its PID and waits for it to exit. */
  stop(): Promise<void>;
}

export interface StartEmulatorOptions {
  /** Where the server's log goes. */
  readonly logDirectory: string;
  /** Keep running after this Node.js process exits (for `npm run demo -- --keep`). */
  readonly detached?: boolean;
  readonly readyTimeoutMs?: number;
  /** Variables for moto, e.g. MOTO_ACCOUNT_ID (the account of requests signed with plain credentials). */
  readonly env?: NodeJS.ProcessEnv;
}

export const MOTO_COMMAND = 'moto_server';
const MOTO_INSTALL_HINT = "install the moto AWS emulator with its server: pip install 'moto[server]'";

/** Asks the kernel for a free loopback port. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

async function waitUntilServing(
  endpoint: string,
  child: ChildProcess,
  timeoutMs: number,
  logFile: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`${MOTO_COMMAND} exited with code ${child.exitCode} before serving; see ${logFile}`);
    }
    try {
      const response = await fetch(`${endpoint}/moto-api/data.json`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${MOTO_COMMAND} did not answer on ${endpoint} within ${timeoutMs} ms; see ${logFile}`);
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

/** Starts moto_server on a free loopback port and waits until it answers. */
export async function startEmulator(options: StartEmulatorOptions): Promise<RunningEmulator> {
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  fs.mkdirSync(options.logDirectory, { recursive: true });
  const logFile = path.join(options.logDirectory, `moto-${port}.log`);
  const log = fs.openSync(logFile, 'a');
  const child = spawn(MOTO_COMMAND, ['-H', '127.0.0.1', '-p', String(port)], {
    stdio: ['ignore', log, log],
    detached: options.detached ?? false,
    env: { ...process.env, ...options.env },
  });
  fs.closeSync(log);
  const spawnError = new Promise<never>((_, reject) =>
    child.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'ENOENT' ? new Error(`${MOTO_COMMAND} is not on PATH: ${MOTO_INSTALL_HINT}`) : error),
    ),
  );
  await Promise.race([waitUntilServing(endpoint, child, options.readyTimeoutMs ?? 20_000, logFile), spawnError]);
  if (child.pid === undefined) throw new Error(`${MOTO_COMMAND} did not start`);
  if (options.detached) child.unref();
  const pid = child.pid;
  return {
    endpoint,
    pid,
    logFile,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      // A detached server was unref'd; without this, Node would exit before it has stopped.
      child.ref();
      child.kill('SIGTERM');
      const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 5_000).unref());
      if ((await Promise.race([exited(child), timeout])) === 'timeout') {
        child.kill('SIGKILL');
        await exited(child);
      }
    },
  };
}
