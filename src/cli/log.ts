import type { Command } from 'commander';
import { systemClock } from '../platform/clock.ts';
import { loadConfig } from '../platform/config.ts';
import { openDatabase } from '../platform/db/database.ts';
import { migrateToLatest } from '../platform/db/migrate.ts';
import { AppError } from '../platform/errors.ts';
import { integrateAll } from '../platform/record-log/integrator.ts';
import { generateNoteKeys } from '../platform/record-log/note.ts';
import { latestCheckpoint } from '../platform/record-log/log.store.ts';
import { loadLogKey } from '../platform/record-log/signing-key.ts';
import { loadStagingKey } from '../platform/record-log/staging-key.ts';

/** `sanxiang log …`: the record log's key, and integration run once (the server does it continuously). */
export function addLogCommands(program: Command): void {
  const log = program.command('log').description('记录日志（不可删改的执法全过程记录）');

  log
    .command('key')
    .description('显示检查点签名的验证公钥（供客户端、见证方固定使用）')
    .action(() => {
      // No database needed: the key is in the configuration or the key file, even while the server runs.
      console.log(loadLogKey(loadConfig(), { create: false }).verifierKeys.join('\n'));
    });

  log
    .command('generate-key')
    .description('生成新的签名密钥（用于 LOG_SIGNING_KEY 或密钥轮换；私钥输出到标准输出，只显示这一次）')
    .option('--name <name>', '密钥名，通常即来源行（默认 LOG_ORIGIN）')
    .action((opts: { name?: string }) => {
      const name = opts.name ?? loadConfig().logOrigin;
      if (!name) throw new AppError('VALIDATION_FAILED', { detail: '请用 --name 或 LOG_ORIGIN 给出密钥名' });
      const keys = generateNoteKeys(name);
      console.error(`验证公钥：${keys.verifierKey}`);
      console.log(keys.signerKey);
    });

  log
    .command('integrate')
    .description('将已提交、尚未入树的记录一次性并入日志并签发检查点（服务运行时会自动进行）')
    .action(async () => {
      const config = loadConfig();
      const database = await openDatabase(config, 'sanxiang log integrate');
      try {
        await migrateToLatest(database.db);
        const first = (await latestCheckpoint(database.db)) === undefined;
        const key = loadLogKey(config, { create: first });
        const run = await integrateAll({
          db: database.db,
          clock: systemClock,
          signers: key.signers,
          origin: key.origin,
          staging: loadStagingKey(config, { create: true }),
        });
        console.log(
          `已并入 ${run.added} 条记录，日志大小 ${run.size}` +
            (run.refused ? `；拒绝 ${run.refused} 条没有有效暂存校验码的条目（见 sanxiang verify）` : ''),
        );
      } finally {
        await database.close();
      }
    });
}
