import fs from 'node:fs';
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { loadConfig } from '../platform/config.ts';
import { openDatabase } from '../platform/db/database.ts';
import { migrateToLatest } from '../platform/db/migrate.ts';
import { parseVerifierKey } from '../platform/record-log/note.ts';
import { loadLogKey } from '../platform/record-log/signing-key.ts';
import { loadStagingKey } from '../platform/record-log/staging-key.ts';
import { verifyRecordLog, type VerifyReport } from '../platform/record-log/verify.service.ts';
import { verifyWitnessCosignature, type WitnessCheck } from '../platform/record-log/verify-cosignature.ts';

/**
 * `sanxiang verify`: recomputes every digest from the database and checks it against the record log, and
 * the log against its signed checkpoint (and an older one, `--checkpoint FILE`). Progress on stderr; on
 * failure the first bad row (table and id) and exit status 1. See verify.service.ts.
 */
interface VerifyFlags {
  checkpoint?: string;
  key?: string[];
  origin?: string;
  oldKey?: string[];
  oldOrigin?: string;
  witnessKey?: string[];
}

function keysFrom(flags: VerifyFlags) {
  const config = loadConfig();
  if (flags.key?.length) {
    const verifiers = flags.key.map(parseVerifierKey);
    return { verifiers, origin: flags.origin ?? config.logOrigin ?? verifiers[0]!.name };
  }
  const key = loadLogKey(config, { create: false });
  return { verifiers: key.verifierKeys.map(parseVerifierKey), origin: flags.origin ?? key.origin };
}

function print(report: VerifyReport): void {
  const [first, ...rest] = report.problems;
  if (!first) {
    console.log(
      `记录日志校验通过：${report.size} 条记录与已签名的检查点一致，${report.pending} 条待并入，` +
        `${report.subjects} 行业务数据与记录一致` +
        (report.legacy ? `；另有 ${report.legacy} 条记录日志启用前的审计记录不在日志中` : ''),
    );
    return;
  }
  console.error(`校验失败：${first.table} ${first.id}：${first.message}`);
  for (const p of rest.slice(0, 19)) console.error(`  另：${p.table} ${p.id}：${p.message}`);
  console.error(`共发现 ${report.problems.length} 处问题。`);
}

function printWitness(check: WitnessCheck): void {
  if (check.ok) {
    console.log(
      `见证联署校验通过：大小为 ${check.size} 的检查点有见证方 ${check.witness} 的有效联署，` +
        `当前的树（大小 ${check.treeSize}）是它的延续`,
    );
  } else {
    console.error(`见证联署校验失败：${check.witness}：${check.problem}`);
  }
}

export function addVerifyCommand(program: Command): void {
  program
    .command('verify')
    .description(
      '校验记录日志：重算每条记录的摘要，核对日志、瓦片与签名检查点（服务须停止，或使用 PostgreSQL）',
    )
    .option('--checkpoint <file>', '较早保存的签名检查点文件：核对日志是它的延续')
    .option('--key <vkey...>', '验证公钥（不填则用本机的签名密钥）')
    .option('--origin <origin>', '检查点的来源行（不填则用 LOG_ORIGIN 或密钥名）')
    .option('--old-key <vkey...>', '旧检查点的验证公钥（密钥轮换前签发的检查点）')
    .option('--old-origin <origin>', '旧检查点的来源行（来源行变更前签发的检查点）')
    .option(
      '--witness-key <vkey...>',
      '见证方公钥（其 /witness/key）：另核对最新的联署检查点有该见证方的有效联署且与当前的树一致',
    )
    .action(async (flags: VerifyFlags) => {
      const keys = keysFrom(flags);
      const older = flags.checkpoint
        ? {
            note: fs.readFileSync(flags.checkpoint, 'utf8'),
            ...(flags.oldKey?.length ? { verifiers: flags.oldKey.map(parseVerifierKey) } : {}),
            ...(flags.oldOrigin ? { origin: flags.oldOrigin } : {}),
          }
        : undefined;
      const config = loadConfig();
      const database = await openDatabase(config, 'sanxiang verify');
      const bar = new SingleBar({
        stream: process.stderr,
        format: '校验 [{bar}] {value}/{total}',
        clearOnComplete: true,
      });
      try {
        await migrateToLatest(database.db);
        let started = false;
        const report = await verifyRecordLog(database.db, {
          ...keys,
          ...(older ? { older } : {}),
          staging: loadStagingKey(config, { create: false }),
          onProgress: (done, total) => {
            if (!started) bar.start(total, 0);
            started = true;
            bar.update(done);
          },
        });
        bar.stop();
        print(report);
        if (report.problems.length > 0) process.exitCode = 1;
        for (const witnessKey of flags.witnessKey ?? []) {
          const check = await verifyWitnessCosignature(database.db, { ...keys, witnessKey });
          printWitness(check);
          if (!check.ok) process.exitCode = 1;
        }
      } finally {
        bar.stop();
        await database.close();
      }
    });
}
