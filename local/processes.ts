// Child processes of the local stack: started with a readiness probe, stopped with their whole group.
import { spawn, type ChildProcess } from 'node:child_process';
import { connect, createServer } from 'node:net';

export interface ManagedProcess {
  name: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

export const freePort = () =>
  new Promise<number>((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });

/** True once something accepts TCP connections on the port (no HTTP keep-alive left behind). */
export const portAccepts = (port: number) =>
  new Promise<boolean>((done) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', () => done(false));
  });

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

export const waitFor = async (
  what: string,
  probe: () => Promise<boolean>,
  timeoutMs: number,
  exited: () => string | undefined,
) => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const exit = exited();
    if (exit) throw new Error(`${what} exited before it was ready: ${exit}`);
    if (await probe().catch(() => false)) return;
    await sleep(100);
  }
  throw new Error(`${what} was not ready after ${timeoutMs} ms`);
};

export const startProcess = async (options: {
  name: string;
  command: string;
  args: string[];
  cwd?: string;
  ready: () => Promise<boolean>;
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
  /** SIGKILL for processes with nothing to flush (in-memory DynamoDB), so teardown is quick. */
  stopSignal?: NodeJS.Signals;
}): Promise<ManagedProcess> => {
  const child = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so stop() also ends anything it spawned.
    detached: true,
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exitText: string | undefined;
  const exited = new Promise<void>((done) => {
    child.on('exit', (code, signal) => {
      exitText = `code ${code ?? ''}${signal ? ` signal ${signal}` : ''}; last output: ${output.trim().split('\n').slice(-5).join(' | ')}`;
      done();
    });
    child.on('error', (error) => {
      exitText = error.message;
      done();
    });
  });
  const stop = async () => {
    if (exitText !== undefined || child.pid === undefined) return;
    try {
      process.kill(-child.pid, options.stopSignal ?? 'SIGTERM');
    } catch {
      return;
    }
    let timer: NodeJS.Timeout | undefined;
    const killed = await Promise.race([
      exited.then(() => true),
      new Promise<boolean>((done) => {
        timer = setTimeout(() => done(false), 5000);
      }),
    ]);
    clearTimeout(timer);
    if (!killed) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
      await exited;
    }
  };
  // A stack that dies with its parent leaves nothing behind.
  process.once('exit', () => {
    if (exitText === undefined && child.pid !== undefined) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
  });
  try {
    await waitFor(options.name, options.ready, options.timeoutMs ?? 60000, () => exitText);
  } catch (error) {
    await stop();
    throw error;
  }
  return { name: options.name, child, stop };
};
