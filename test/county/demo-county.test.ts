import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../record-log/server-process.ts';

/**
 * `sanxiang demo-county` (`npm run demo:county`, issue 14 item 6): the real command, two real `sanxiang
 * serve` children on free ports and a temporary DATA_DIR. It must come up paired with the demo pushed and
 * witnessed, stop both children on SIGTERM, and on a second run reuse what the first one made.
 */

const bin = path.resolve(import.meta.dirname, '../../bin/sanxiang.js');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanxiang-demo-county-'));
const live = new Set<ChildProcess>();
afterAll(() => {
  for (const child of live) child.kill('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

interface Demo {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
  bureauUrl: string;
  countyUrl: string;
  /** The process ids of the two `sanxiang serve` children, as the command printed them. */
  pids: number[];
}

/** Starts the command and resolves once it printed both addresses and that both are ready. */
async function startDemo(port: number, countyPort: number): Promise<Demo> {
  const child = spawn(process.execPath, [bin, 'demo-county'], {
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      COUNTY_PORT: String(countyPort),
      DATABASE_URL: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  void exited.then(() => live.delete(child));
  await new Promise<void>((resolve, reject) => {
    const look = () => {
      if (output.includes('按 Ctrl-C 停止两个实例')) resolve();
    };
    child.stdout.on('data', look);
    void exited.then((code) => reject(new Error(`demo-county exited with ${code}:\n${output}`)));
  });
  const bureauUrl = /机关实例（衡阳县市场监督管理局）：(\S+)\//.exec(output)?.[1];
  const countyUrl = /县级监督平台（衡阳县人民政府行政执法协调监督办公室）：(\S+)\//.exec(output)?.[1];
  const pids = [...output.matchAll(/已启动（进程 (\d+)）/g)].map((m) => Number(m[1]));
  expect(bureauUrl).toBe(`http://127.0.0.1:${port}`);
  expect(countyUrl).toBe(`http://127.0.0.1:${countyPort}`);
  return { child, output: () => output, exited, bureauUrl: bureauUrl!, countyUrl: countyUrl!, pids };
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function json<T>(url: string): Promise<T> {
  const res = await fetch(url);
  expect(res.status, url).toBe(200);
  return (await res.json()) as T;
}

/** What a citizen sees on the county portal of the bureau: the bureau listed, its publications pushed. */
async function bureauOnCountyPortal(countyUrl: string) {
  const agencies = await json<{ items: { id: string; name: string; creditCode: string }[] }>(
    `${countyUrl}/api/v1/county-portal/agencies`,
  );
  const listed = agencies.items.find((a) => a.creditCode === '11430421MB1B23456G');
  expect(listed?.name).toBe('衡阳县市场监督管理局');
  const publications = await json<{ total: number; items: { title: string; agencyName: string }[] }>(
    `${countyUrl}/api/v1/county-portal/agencies/${listed!.id}/publications`,
  );
  return { agencies: agencies.items, publications };
}

/** The bureau's witnessed checkpoint: its own signature line, then the county witness's cosignature. */
async function cosignedCheckpoint(bureauUrl: string, countyUrl: string) {
  const res = await fetch(`${bureauUrl}/log/checkpoint?cosigned=1`);
  expect(res.status).toBe(200);
  const note = await res.text();
  const witnessName = (await (await fetch(`${countyUrl}/witness/key`)).text()).trim().split('+')[0]!;
  return note.split('\n').filter((l) => l.startsWith(`— ${witnessName} `));
}

async function stop(demo: Demo): Promise<number | null> {
  demo.child.kill('SIGTERM');
  return demo.exited;
}

describe(
  'npm run demo:county: the bureau and the county platform in one command',
  { timeout: 600_000 },
  () => {
    let ports: [number, number];

    it('comes up paired, the demo pushed to the county portal and the bureau witnessed; SIGTERM stops both', async () => {
      ports = [await freePort(), await freePort()];
      const demo = await startDemo(...ports);
      expect(demo.output()).toContain('首次运行');
      expect(demo.pids).toHaveLength(2);

      const { agencies, publications } = await bureauOnCountyPortal(demo.countyUrl);
      expect(agencies).toHaveLength(1);
      expect(publications.total).toBeGreaterThan(0);
      expect(publications.items[0]!.agencyName).toBe('衡阳县市场监督管理局');
      // The county's home is the whole county's publicity once it has registered an agency.
      expect(await (await fetch(`${demo.countyUrl}/`)).text()).toContain('全县行政执法公示');
      expect(await cosignedCheckpoint(demo.bureauUrl, demo.countyUrl)).toHaveLength(1);
      expect(JSON.parse(fs.readFileSync(path.join(dataDir, 'demo-county.json'), 'utf8'))).toMatchObject({
        registered: true,
        paired: true,
      });

      expect(await stop(demo)).toBe(0);
      expect(demo.output()).toContain('两个实例均已停止');
      for (const pid of demo.pids) expect(running(pid), `serve child ${pid}`).toBe(false);
    });

    it('a second run on the same DATA_DIR reuses the pairing and the data', async () => {
      const demo = await startDemo(...ports);
      expect(demo.output()).toContain('两个实例此前已配对，直接启动');
      expect(demo.output()).not.toContain('sanxiang upstream pair');
      const { agencies, publications } = await bureauOnCountyPortal(demo.countyUrl);
      expect(agencies).toHaveLength(1);
      expect(publications.total).toBeGreaterThan(0);
      expect(await cosignedCheckpoint(demo.bureauUrl, demo.countyUrl)).toHaveLength(1);

      expect(await stop(demo)).toBe(0);
      for (const pid of demo.pids) expect(running(pid), `serve child ${pid}`).toBe(false);
    });

    it('when one instance dies the other is stopped and the command fails with its output', async () => {
      const demo = await startDemo(...ports);
      const [countyPid, bureauPid] = demo.pids;
      process.kill(countyPid!, 'SIGKILL');
      expect(await demo.exited).toBe(1);
      expect(demo.output()).toContain('县级监督平台意外退出（信号 SIGKILL）');
      expect(running(bureauPid!)).toBe(false);
    });
  },
);
