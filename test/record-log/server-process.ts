import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import net from 'node:net';
import path from 'node:path';

/** The real `sanxiang` command as a child process, for tests that kill and restart it. */

const bin = path.resolve(import.meta.dirname, '../../bin/sanxiang.js');
const live = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

export async function freePort(): Promise<number> {
  const server = net.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The agency-scope guard of the test run, passed on to the processes a test starts (vitest.config.ts). */
const guarded = (env: NodeJS.ProcessEnv): NodeJS.ProcessEnv => ({
  SANXIANG_SCOPE_GUARD: process.env.SANXIANG_SCOPE_GUARD,
  ...env,
});

/** Runs `sanxiang <args>` to completion. */
export async function sanxiang(args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  const child = spawn(process.execPath, [bin, ...args], {
    env: guarded(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  let [stdout, stderr] = ['', ''];
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  live.delete(child);
  return { code, stdout, stderr };
}

/** An API token of `user` with the write scope (`sanxiang token create`), as an operator makes one. */
export async function apiToken(env: NodeJS.ProcessEnv, user: string): Promise<string> {
  const created = await sanxiang(['token', 'create', '--user', user, '--scope', 'write'], env);
  const token = /令牌（只显示这一次）：(\S+)/.exec(created.stdout)?.[1];
  if (created.code !== 0 || !token) throw new Error(`token create --user ${user}: ${created.stderr}`);
  return token;
}

export interface Server {
  url: string;
  child: ChildProcess;
  output(): string;
}

/** Starts `sanxiang serve` and resolves once /healthz answers. */
export async function startServer(env: NodeJS.ProcessEnv, port: number): Promise<Server> {
  const child = spawn(process.execPath, [bin, 'serve'], {
    env: guarded({ ...env, PORT: String(port) }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  child.once('exit', () => live.delete(child));
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`server exited: ${output}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return { url, child, output: () => output };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`server did not start: ${output}`);
}

export async function stopServer(server: Server, signal: NodeJS.Signals): Promise<void> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  const exited = once(server.child, 'exit');
  server.child.kill(signal);
  await exited;
}
