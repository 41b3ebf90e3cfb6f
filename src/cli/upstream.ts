import { createInterface } from 'node:readline/promises';
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { countyOutbox } from '../exchange/outbox/outbox.service.ts';
import { loadPushKey } from '../exchange/outbox/push-key.ts';
import { pair, pairingInfoOf } from '../exchange/upstream/pairing.service.ts';
import { upstreamStatusOf } from '../exchange/upstream/upstream-status.service.ts';
import type { UpstreamStatus } from '../exchange/upstream/upstream.schema.ts';
import { instanceAgencies } from '../exchange/upstream/upstream.store.ts';
import { systemClock } from '../platform/clock.ts';
import { loadConfig, type Config } from '../platform/config.ts';
import type { Db } from '../platform/db/database.ts';
import { openDatabase } from '../platform/db/database.ts';
import { migrateToLatest } from '../platform/db/migrate.ts';
import { AppError } from '../platform/errors.ts';
import { latestCheckpoint } from '../platform/record-log/log.store.ts';
import { loadLogKey } from '../platform/record-log/signing-key.ts';
import { loadStagingKey } from '../platform/record-log/staging-key.ts';

/**
 * `sanxiang upstream`: the agency's side of the county platform (docs/county-push.md): the pairing
 * information the platform registers, pairing with it, and how the push goes.
 */

async function withDb<T>(purpose: string, fn: (db: Db, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await openDatabase(config, purpose);
  try {
    await migrateToLatest(database.db);
    return await fn(database.db, config);
  } finally {
    await database.close();
  }
}

/** The agency named by credit code, or the instance's only agency. */
async function chosenAgency(db: Db, creditCode: string | undefined): Promise<string> {
  const agencies = await instanceAgencies(db);
  if (creditCode) {
    const found = agencies.find((a) => a.credit_code === creditCode.toUpperCase());
    if (!found) throw new AppError('NOT_FOUND', { detail: `没有统一社会信用代码为 ${creditCode} 的机关` });
    return found.id;
  }
  if (agencies.length === 1) return agencies[0]!.id;
  const list = agencies.map((a) => `  ${a.credit_code} ${a.name}`).join('\n');
  throw new AppError('VALIDATION_FAILED', { detail: `本实例有多个机关，请用 --agency 指定：\n${list}` });
}

async function keysOf(db: Db, config: Config) {
  const logKey = loadLogKey(config, { create: (await latestCheckpoint(db)) === undefined });
  return {
    baseUrl: config.publicUrl ?? null,
    logOrigin: logKey.origin,
    logVerifierKeys: logKey.verifierKeys,
    pushVerifierKey: loadPushKey(config, logKey.origin).verifierKey,
  };
}

/** The platform's key at `path` (a one-line text/plain vkey), fetched to be confirmed. */
async function fetchKey(base: string, path: string): Promise<string> {
  const url = `${base.replace(/\/+$/, '')}${path}`;
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(30_000) });
  } catch (err) {
    throw new AppError('UPSTREAM_UNREACHABLE', { detail: `无法读取 ${url}：${String(err)}` });
  }
  if (!res.ok) throw new AppError('UPSTREAM_UNREACHABLE', { detail: `读取 ${url} 失败：HTTP ${res.status}` });
  return (await res.text()).trim();
}

async function confirmed(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return /^(y|yes|是)$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

const outcomeLabels = { acknowledged: '已确认', refused: '被拒收', failed: '失败' } as const;

export function statusLines(s: UpstreamStatus): string[] {
  const lines = [`${s.agencyName}（${s.agencyId}）`];
  if (!s.upstream) return [...lines, '  未与县级监督平台配对'];
  lines.push(
    `  平台地址：${s.upstream.url}（配对于 ${s.upstream.pairedAt}）`,
    `  排队（尚未编号）：${s.queued}`,
    `  已发送待确认：${s.waiting}`,
    `  已确认：至序号 ${s.acknowledgedUpTo}${s.lastSequence === null ? '' : `（已编号至 ${s.lastSequence}）`}`,
    `  被拒收：${s.rejected}` +
      (s.lastRejection
        ? `，最近一条：序号 ${s.lastRejection.sequence} ${s.lastRejection.code} ${s.lastRejection.reason}`
        : ''),
  );
  const d = s.lastDelivery;
  lines.push(
    d
      ? `  最近一次发送：${d.attemptedAt} 序号 ${d.firstSequence}–${d.lastSequence} ${outcomeLabels[d.outcome]}` +
          (d.httpStatus === null ? '' : ` HTTP ${d.httpStatus}`) +
          (d.code ? ` ${d.code}` : '') +
          (d.error ? `：${d.error}` : '')
      : '  最近一次发送：尚未发送',
  );
  return lines;
}

export function addUpstreamCommands(program: Command): void {
  const upstream = program.command('upstream').description('与县级监督平台的配对与推送');

  upstream
    .command('pairing-info')
    .description('打印本机关的配对信息（JSON，交县级监督平台登记）')
    .option('--agency <creditCode>', '机关的统一社会信用代码（实例只有一个机关时可省略）')
    .action(async (opts: { agency?: string }) => {
      const info = await withDb('sanxiang upstream pairing-info', async (db, config) =>
        pairingInfoOf({ db }, await chosenAgency(db, opts.agency), await keysOf(db, config)),
      );
      console.log(JSON.stringify(info, null, 2));
    });

  upstream
    .command('pair')
    .description('与县级监督平台配对（首次配对时排入当前全部数据的快照）')
    .requiredOption('--url <url>', '平台地址，如 https://jiandu.example.gov.cn')
    .option('--witness-key <vkey>', '平台的见证公钥（不填则读取 URL/witness/key）')
    .option('--receipt-key <vkey>', '平台的回执公钥（不填则读取 URL/county/receipt-key）')
    .option('--agency <creditCode>', '机关的统一社会信用代码（实例只有一个机关时可省略）')
    .option('--yes', '不询问，直接确认读取到的公钥', false)
    .action(
      async (opts: {
        url: string;
        witnessKey?: string;
        receiptKey?: string;
        agency?: string;
        yes: boolean;
      }) => {
        const fetched = !opts.witnessKey || !opts.receiptKey;
        const witnessKey = opts.witnessKey ?? (await fetchKey(opts.url, '/witness/key'));
        const receiptKey = opts.receiptKey ?? (await fetchKey(opts.url, '/county/receipt-key'));
        console.log(`见证公钥：${witnessKey}\n回执公钥：${receiptKey}`);
        if (fetched && !opts.yes) {
          if (!process.stdin.isTTY) {
            throw new AppError('VALIDATION_FAILED', {
              detail: '公钥是从平台读取的，请核对后加 --yes 确认，或用 --witness-key、--receipt-key 直接给出',
            });
          }
          if (!(await confirmed('以上公钥与平台管理员提供的一致吗？确认配对请输入 y：'))) {
            console.log('未配对');
            return;
          }
        }
        const bar = new SingleBar({
          stream: process.stderr,
          format: '排入快照 [{bar}] {value}/{total}',
          clearOnComplete: true,
        });
        let started = false;
        const result = await withDb('sanxiang upstream pair', async (db, config) =>
          pair(
            {
              db,
              clock: systemClock,
              staging: loadStagingKey(config, { create: true }),
              outbox: countyOutbox().hook,
            },
            { personId: null, agencyId: null, via: 'cli', ip: null },
            await chosenAgency(db, opts.agency),
            { url: opts.url, witnessKey, receiptKey },
            (done, total) => {
              if (!started) bar.start(total, 0);
              started = true;
              bar.update(done);
            },
          ).finally(() => bar.stop()),
        );
        console.log(
          result.first
            ? `已配对 ${result.upstream.url}，排入快照 ${result.queued} 条记录`
            : `已更新配对为 ${result.upstream.url}（此前已配对，未再排入快照，推送序号接续）`,
        );
      },
    );

  upstream
    .command('status')
    .description('推送状态：排队、已发送待确认、已确认、被拒收、最近一次发送及错误')
    .option('--json', '以 JSON 输出', false)
    .action(async (opts: { json: boolean }) => {
      const statuses = await withDb('sanxiang upstream status', async (db) => {
        const agencies = await instanceAgencies(db);
        return Promise.all(agencies.map((a) => upstreamStatusOf(db, a.id)));
      });
      const paired = statuses.filter((s) => s.paired);
      if (opts.json) {
        console.log(JSON.stringify(paired, null, 2));
        return;
      }
      if (paired.length === 0) console.log('本实例的机关都未与县级监督平台配对');
      for (const s of paired) console.log(statusLines(s).join('\n'));
    });
}
