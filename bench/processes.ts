import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import net from 'node:net';

/**
 * The child processes a bench starts, with the tail of their output for error messages. Every child is
 * tracked from spawn to exit, and whatever is still alive when the bench process exits is killed.
 */
export interface Child {
  process: ChildProcess;
  /** The last few kilobytes of stdout and stderr together. */
  output(): string;
}

const live = new Set<ChildProcess>();
const OUTPUT_TAIL = 8 * 1024;
let interrupted = false;

process.on('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

export function startNode(
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; ipc?: boolean },
): Child {
  if (interrupted) throw new Error('interrupted: no new child processes');
  const child = spawn(process.execPath, args, {
    cwd: options.cwd,
    env: options.env,
    stdio: options.ipc ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  child.once('exit', () => live.delete(child));
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-OUTPUT_TAIL);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return { process: child, output: () => tail };
}

const hasExited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

/** SIGTERM, then SIGKILL if the child has not exited within the grace period. Resolves once it exited. */
export async function stopChild(child: Child, graceMs = 10_000): Promise<void> {
  const proc = child.process;
  if (hasExited(proc)) return;
  const exited = once(proc, 'exit');
  proc.kill('SIGTERM');
  const timer = setTimeout(() => proc.kill('SIGKILL'), graceMs);
  try {
    await exited;
  } finally {
    clearTimeout(timer);
  }
}

/** Kills every child still running (used on Ctrl-C and on failure). */
export function killAll(): void {
  for (const child of live) child.kill('SIGKILL');
}

/** Kills every child and refuses new ones, so the benches fail fast through their clean-up code. */
export function interrupt(): void {
  interrupted = true;
  killAll();
}

export const isInterrupted = (): boolean => interrupted;

/** A port free on 127.0.0.1 just now (for a child that must be told its port up front). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  await once(server, 'close');
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  return address.port;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves with `ready`, or rejects if the child exits first or the time runs out. */
export function untilReady<T>(child: Child, ready: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      child.process.off('exit', onExit);
    };
    const onExit = () => {
      done();
      reject(new Error(`${what} exited before it was ready:\n${child.output()}`));
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`${what} not ready after ${timeoutMs} ms:\n${child.output()}`));
    }, timeoutMs);
    child.process.once('exit', onExit);
    ready.then(
      (value) => {
        done();
        resolve(value);
      },
      (err: unknown) => {
        done();
        reject(err instanceof Error ? err : new Error(String(err)));
      },
    );
  });
}
