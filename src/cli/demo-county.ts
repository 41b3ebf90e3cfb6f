import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { DEMO_PASSWORD, demoAgencies } from '../demo/demo-data.ts';
import { demoAgenciesOf } from '../demo/load-demo.ts';
import { AppError } from '../platform/errors.ts';
import { demoSignIns } from './banner.ts';

/**
 * `sanxiang demo-county` (`npm run demo:county`, docs/county.md "Two instances in one command"): the demo's
 * bureau and the county platform, each a real `sanxiang serve` process with its own embedded database
 * under DATA_DIR (DATA_DIR/bureau, DATA_DIR/county), paired as their operators would pair them with the
 * command line, the demo pushed and witnessed. What was done is kept in DATA_DIR/demo-county.json, so a
 * second run only starts the two servers.
 */

const bin = path.resolve(import.meta.dirname, '../../bin/sanxiang.js');
const bureau = demoAgencies.find((a) => a.key === 'bureau')!;
const office = demoAgencies.find((a) => a.key === 'office')!;

/** What the first run did, step by step (a run cut off resumes at the first step not done). */
const marker = z.object({
  version: z.literal(1),
  bureauUrl: z.string(),
  countyUrl: z.string(),
  county: z.object({ witnessKey: z.string(), receiptKey: z.string() }).optional(),
  registered: z.boolean().default(false),
  paired: z.boolean().default(false),
  /** A read-only API token of the bureau's administrator, to read its push status (GET /api/v1/upstream/status). */
  statusToken: z.string().optional(),
  readyAt: z.string().optional(),
});
type Marker = z.infer<typeof marker>;

interface Settings {
  dataDir: string;
  bureauDir: string;
  countyDir: string;
  port: number;
  countyPort: number;
  bureauUrl: string;
  countyUrl: string;
  markerFile: string;
  pairingInfoFile: string;
}

function portOf(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new AppError('VALIDATION_FAILED', { detail: `${name} 应为 1–65535 的端口号，而不是 ${value}` });
  return port;
}

function settingsOf(env: NodeJS.ProcessEnv): Settings {
  const dataDir = path.resolve(env.DATA_DIR ?? './data');
  const port = portOf(env.PORT, 8080, 'PORT');
  const countyPort = portOf(env.COUNTY_PORT, 8090, 'COUNTY_PORT');
  if (port === countyPort)
    throw new AppError('VALIDATION_FAILED', { detail: `PORT 与 COUNTY_PORT 不能相同（都是 ${port}）` });
  const host = env.HOST && !['0.0.0.0', '::'].includes(env.HOST) ? env.HOST : '127.0.0.1';
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    dataDir,
    bureauDir: path.join(dataDir, 'bureau'),
    countyDir: path.join(dataDir, 'county'),
    port,
    countyPort,
    bureauUrl: `http://${urlHost}:${port}`,
    countyUrl: `http://${urlHost}:${countyPort}`,
    markerFile: path.join(dataDir, 'demo-county.json'),
    pairingInfoFile: path.join(dataDir, 'bureau-pairing-info.json'),
  };
}

function readMarker(s: Settings): Marker | undefined {
  if (!fs.existsSync(s.markerFile)) return undefined;
  const parsed = marker.safeParse(JSON.parse(fs.readFileSync(s.markerFile, 'utf8')));
  if (!parsed.success)
    throw new AppError('VALIDATION_FAILED', {
      detail: `${s.markerFile} 不是本命令写的记录，请换一个 DATA_DIR`,
    });
  return parsed.data;
}

/** The marker holds an API token: only its owner reads it, like the keys beside it. */
function writeMarker(s: Settings, m: Marker): void {
  const tmp = `${s.markerFile}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(m, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(tmp, s.markerFile);
}

const say = (line: string) => console.log(line);
const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} 秒`;

/** The environment of a child: its own data directory, port and address; never a shared database. */
function childEnv(dir: string, port: number, url: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dir, PORT: String(port), PUBLIC_URL: url };
  delete env.DATABASE_URL;
  delete env.COUNTY_PORT;
  return env;
}

/** The last lines a child wrote, to show when it fails. */
function tail(text: string, lines = 60): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

/** A `sanxiang serve` child. */
class Server {
  readonly child: ChildProcess;
  output = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private stopping = false;

  constructor(
    readonly label: string,
    readonly url: string,
    dir: string,
    port: number,
    demo: string,
  ) {
    this.child = spawn(process.execPath, [bin, 'serve', demo], {
      env: childEnv(dir, port, url),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer) => {
      this.output += chunk.toString();
      if (this.output.length > 200_000) this.output = this.output.slice(-100_000);
    };
    this.child.stdout!.on('data', keep);
    this.child.stderr!.on('data', keep);
    this.exited = new Promise((resolve) =>
      this.child.once('exit', (code, signal) => resolve({ code, signal })),
    );
  }

  get pid(): number {
    return this.child.pid ?? 0;
  }

  get expectedExit(): boolean {
    return this.stopping;
  }

  /** Resolves once the server printed its start banner (it listens); rejects if it exits first. */
  async ready(): Promise<void> {
    const started = new Promise<void>((resolve) => {
      const look = () => {
        if (this.output.includes('三项制度执法平台已启动')) {
          this.child.stdout!.off('data', look);
          resolve();
        }
      };
      this.child.stdout!.on('data', look);
      look();
    });
    await Promise.race([
      started,
      this.exited.then(({ code, signal }) => {
        throw new ChildFailed(this, code, signal);
      }),
    ]);
  }

  /** SIGTERM, and SIGKILL if it has not stopped within 20 s. */
  async stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    this.stopping = true;
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill('SIGTERM');
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 20_000);
      const result = await this.exited;
      clearTimeout(timer);
      return result;
    }
    return this.exited;
  }
}

class ChildFailed extends Error {
  constructor(
    readonly server: Server,
    readonly code: number | null,
    readonly signal: NodeJS.Signals | null,
  ) {
    super(`${server.label}意外退出（${signal ? `信号 ${signal}` : `退出码 ${code}`}）`);
  }
}

/** Runs `sanxiang <args>` on one instance's directory (the server of that directory stopped) and returns its output. */
async function cli(args: string[], dir: string, port: number, url: string): Promise<string> {
  const child = spawn(process.execPath, [bin, ...args], {
    env: childEnv(dir, port, url),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let [stdout, stderr] = ['', ''];
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0)
    throw new Error(`sanxiang ${args.join(' ')} 失败（退出码 ${code}）：\n${tail(`${stdout}\n${stderr}`)}`);
  return stdout;
}

async function text(url: string, init?: RequestInit): Promise<{ status: number; body: string }> {
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(10_000) });
  return { status: res.status, body: await res.text() };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits until the bureau's checkpoint carries the county's cosignature and its outbox is all acknowledged
 * (nothing queued, nothing waiting, the last sequence acknowledged), on two reads in a row. Returns the last
 * sequence acknowledged.
 */
async function pushed(s: Settings, token: string, servers: Server[]): Promise<number> {
  const alive = () => {
    for (const server of servers)
      if (server.child.exitCode !== null || server.child.signalCode !== null)
        throw new ChildFailed(server, server.child.exitCode, server.child.signalCode);
  };
  for (;;) {
    alive();
    if ((await text(`${s.bureauUrl}/log/checkpoint?cosigned=1`)).status === 200) break;
    await sleep(250);
  }
  let settled = 0;
  let lastProblem = '';
  for (;;) {
    alive();
    const res = await text(`${s.bureauUrl}/api/v1/upstream/status`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (res.status !== 200) throw new Error(`读取推送状态失败：HTTP ${res.status} ${res.body}`);
    const st = JSON.parse(res.body) as {
      paired: boolean;
      queued: number;
      waiting: number;
      acknowledgedUpTo: number;
      lastSequence: number | null;
      rejected: number;
      lastRejection: { sequence: number; code: string; reason: string } | null;
    };
    if (!st.paired) throw new Error('市场监督管理局实例未与县级监督平台配对');
    if (st.rejected > 0 && st.lastRejection && lastProblem !== st.lastRejection.code) {
      lastProblem = st.lastRejection.code;
      say(
        `  平台拒收了序号 ${st.lastRejection.sequence}：${st.lastRejection.code} ${st.lastRejection.reason}`,
      );
    }
    const done = st.queued === 0 && st.waiting === 0 && st.lastSequence !== null;
    settled = done ? settled + 1 : 0;
    if (settled >= 2) return st.acknowledgedUpTo;
    await sleep(300);
  }
}

/** The first run's setup, each step skipped when the marker says it was done. */
async function setUp(s: Settings, m: Marker, running: Set<Server>): Promise<Marker> {
  const step = (n: number, what: string) => say(`[${n}/5] ${what}`);
  const persist = (next: Marker) => {
    writeMarker(s, next);
    return next;
  };
  if (!m.county || !m.statusToken) {
    step(1, '首次启动两个实例并载入演示数据（约需半分钟到一分钟）…');
    const started = performance.now();
    const county = new Server('县级监督平台', s.countyUrl, s.countyDir, s.countyPort, '--demo=county');
    const bureauServer = new Server('市场监督管理局实例', s.bureauUrl, s.bureauDir, s.port, '--demo');
    running.add(county).add(bureauServer);
    await Promise.all([county.ready(), bureauServer.ready()]);
    const [witness, receipt] = await Promise.all([
      text(`${s.countyUrl}/witness/key`),
      text(`${s.countyUrl}/county/receipt-key`),
    ]);
    if (witness.status !== 200 || receipt.status !== 200)
      throw new Error(`读取县级监督平台的公钥失败：HTTP ${witness.status}、${receipt.status}`);
    // Pairing and registering are commands at each machine: each database is free only while its server stops.
    await Promise.all([county.stop(), bureauServer.stop()]);
    running.delete(county);
    running.delete(bureauServer);
    say(`      已载入（${seconds(started)}）；县级监督平台见证公钥 ${witness.body.trim()}`);
    const statusToken =
      m.statusToken ??
      /令牌（只显示这一次）：(\S+)/.exec(
        await cli(
          ['token', 'create', '--user', 'admin', '--name', 'demo-county 推送状态', '--scope', 'read'],
          s.bureauDir,
          s.port,
          s.bureauUrl,
        ),
      )?.[1];
    if (!statusToken) throw new Error('未能为 admin 创建读取推送状态的令牌');
    m = persist({
      ...m,
      county: { witnessKey: witness.body.trim(), receiptKey: receipt.body.trim() },
      statusToken,
    });
  }
  if (!m.registered) {
    step(2, `市场监督管理局导出对接信息（sanxiang upstream pairing-info）…`);
    const info = await cli(
      ['upstream', 'pairing-info', '--agency', bureau.creditCode],
      s.bureauDir,
      s.port,
      s.bureauUrl,
    );
    fs.writeFileSync(s.pairingInfoFile, info);
    step(3, `县级监督平台备案该局并登记见证其记录日志（sanxiang county register-agency）…`);
    say(
      `      ${(await cli(['county', 'register-agency', s.pairingInfoFile], s.countyDir, s.countyPort, s.countyUrl)).trim()}`,
    );
    m = persist({ ...m, registered: true });
  }
  if (!m.paired) {
    step(4, '市场监督管理局与县级监督平台配对（sanxiang upstream pair）…');
    const out = await cli(
      [
        'upstream',
        'pair',
        '--url',
        s.countyUrl,
        '--witness-key',
        m.county!.witnessKey,
        '--receipt-key',
        m.county!.receiptKey,
        '--agency',
        bureau.creditCode,
      ],
      s.bureauDir,
      s.port,
      s.bureauUrl,
    );
    say(`      ${out.trim().split('\n').at(-1)}`);
    m = persist({ ...m, paired: true });
  }
  return m;
}

function readyLines(s: Settings, acknowledged: number, elapsed: string): string[] {
  return [
    '',
    `  两个实例已就绪（用时 ${elapsed}），已配对，演示数据已推送（序号 1–${acknowledged} 均已被平台确认）。`,
    '',
    `  机关实例（${bureau.name}）：${s.bureauUrl}/`,
    `    执法工作台：${s.bureauUrl}/app/   记录日志（带县级平台见证签名）：${s.bureauUrl}/log/checkpoint`,
    `    推送状态：工作台“县级监督平台推送”页，或停止后运行 DATA_DIR=${s.bureauDir} sanxiang upstream status`,
    `    演示账号（密码均为 ${DEMO_PASSWORD}）：`,
    ...demoSignIns(demoAgenciesOf('default'), '      '),
    '',
    `  县级监督平台（${office.name}）：${s.countyUrl}/`,
    `    全县行政执法公示：${s.countyUrl}/   执法工作台：${s.countyUrl}/app/   见证公钥：${s.countyUrl}/witness/key`,
    `    演示账号（密码均为 ${DEMO_PASSWORD}）：`,
    ...demoSignIns(demoAgenciesOf('county'), '      '),
    '',
    `  数据目录：${s.dataDir}（bureau、county 各一个内嵌数据库；再次运行沿用，几秒即可启动）`,
    '  按 Ctrl-C 停止两个实例。',
    '',
  ];
}

/** Runs the two instances until Ctrl-C / SIGTERM (exit 0) or until one of them dies (exit 1). */
export async function demoCounty(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const started = performance.now();
  const s = settingsOf(env);
  let m = readMarker(s);
  if (m && (m.bureauUrl !== s.bureauUrl || m.countyUrl !== s.countyUrl))
    throw new AppError('VALIDATION_FAILED', {
      detail:
        `${s.dataDir} 中的两个实例是按 ${m.bureauUrl} 与 ${m.countyUrl} 配对的：` +
        '请用同样的 PORT、COUNTY_PORT（和 HOST），或换一个 DATA_DIR',
    });
  const running = new Set<Server>();
  let stopping = false;
  const stopAll = async () => {
    const results = await Promise.all([...running].map(async (srv) => ({ srv, ...(await srv.stop()) })));
    return results;
  };
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    say(`收到 ${signal}，正在停止两个实例…`);
    void stopAll().then((results) => {
      const bad = results.filter((r) => r.code !== 0);
      for (const r of bad)
        say(`${r.srv.label}未正常退出（${r.signal ?? `退出码 ${r.code}`}）：\n${tail(r.srv.output)}`);
      if (bad.length === 0) say('两个实例均已停止。');
      process.exit(bad.length ? 1 : 0);
    });
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  try {
    fs.mkdirSync(s.dataDir, { recursive: true });
    if (m?.readyAt) say(`沿用 ${s.markerFile}：两个实例此前已配对，直接启动…`);
    else {
      say(
        m
          ? `继续在 ${s.dataDir} 完成上次未完成的准备…`
          : `在 ${s.dataDir} 准备县级监督平台与市场监督管理局两个实例（首次运行）…`,
      );
      m = await setUp(
        s,
        m ?? { version: 1, bureauUrl: s.bureauUrl, countyUrl: s.countyUrl, registered: false, paired: false },
        running,
      );
      say('[5/5] 启动两个实例，推送演示数据并等待县级监督平台确认与见证…');
    }
    if (stopping) return;
    const county = new Server('县级监督平台', s.countyUrl, s.countyDir, s.countyPort, '--demo=county');
    const bureauServer = new Server('市场监督管理局实例', s.bureauUrl, s.bureauDir, s.port, '--demo');
    running.add(county).add(bureauServer);
    for (const srv of [county, bureauServer]) {
      void srv.exited.then(({ code, signal }) => {
        if (stopping || srv.expectedExit) return;
        stopping = true;
        say(
          `${srv.label}意外退出（${signal ? `信号 ${signal}` : `退出码 ${code}`}），其输出：\n${tail(srv.output)}`,
        );
        say('正在停止另一个实例…');
        void stopAll().then(() => process.exit(1));
      });
    }
    await Promise.all([county.ready(), bureauServer.ready()]);
    say(`  县级监督平台已启动（进程 ${county.pid}）：${s.countyUrl}/`);
    say(`  市场监督管理局实例已启动（进程 ${bureauServer.pid}）：${s.bureauUrl}/`);
    const acknowledged = await pushed(s, m.statusToken!, [county, bureauServer]);
    if (!m.readyAt) writeMarker(s, (m = { ...m, readyAt: new Date().toISOString() }));
    for (const line of readyLines(s, acknowledged, seconds(started))) say(line);
  } catch (err) {
    if (stopping) return;
    stopping = true;
    if (err instanceof ChildFailed) say(`${err.message}，其输出：\n${tail(err.server.output)}`);
    else
      say(
        `失败：${err instanceof AppError ? (err.detail ?? err.title) : String(err instanceof Error ? err.message : err)}`,
      );
    await stopAll();
    process.exit(1);
  }
}
