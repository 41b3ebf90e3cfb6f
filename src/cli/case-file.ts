import fs from 'node:fs';
import type { Command } from 'commander';
import { exportCaseFileNow, resolveSubject } from '../case-file/case-file.run.ts';
import { verifyCaseFileZip } from '../case-file/verify-file.ts';
import { systemClock } from '../platform/clock.ts';
import { loadConfig } from '../platform/config.ts';
import { openDatabase } from '../platform/db/database.ts';
import { migrateToLatest } from '../platform/db/migrate.ts';
import { integrateAll } from '../platform/record-log/integrator.ts';
import { latestCheckpoint } from '../platform/record-log/log.store.ts';
import { loadLogKey } from '../platform/record-log/signing-key.ts';
import { loadStagingKey } from '../platform/record-log/staging-key.ts';
import { countyOutbox } from '../exchange/outbox/outbox.service.ts';
import { blobRootOf, localBlobStore } from '../records/blob-store.ts';

/** `sanxiang case-file export` and `sanxiang verify-file` (issue 5 item 8). */
export function addCaseFileCommands(program: Command): void {
  const caseFile = program.command('case-file').description('电子卷宗');
  caseFile
    .command('export')
    .description('组卷并导出电子卷宗（zip：按规定顺序的文书与证据、manifest.json 含摘要与记录日志包含证明）')
    .requiredOption('--case <caseNumber>', '案件编号（案件功能上线前可用文书所属对象编号）')
    .requiredOption('--out <file>', '输出的 zip 文件')
    .option('--subject-type <type>', '对象类型（未找到案件时使用）', 'case')
    .action(async (opts: { case: string; out: string; subjectType: string }) => {
      const config = loadConfig();
      const database = await openDatabase(config, 'sanxiang case-file export');
      try {
        await migrateToLatest(database.db);
        const key = loadLogKey(config, { create: (await latestCheckpoint(database.db)) === undefined });
        const staging = loadStagingKey(config, { create: true });
        const deps = {
          db: database.db,
          clock: systemClock,
          staging,
          blobs: localBlobStore(blobRootOf(config.dataDir)),
          outbox: countyOutbox().hook,
        };
        const subject = await resolveSubject(database.db, opts.case, opts.subjectType);
        const zip = await exportCaseFileNow(
          deps,
          {
            verifierKeys: key.verifierKeys,
            origin: key.origin,
            integrate: () =>
              integrateAll({
                db: database.db,
                clock: systemClock,
                signers: key.signers,
                origin: key.origin,
                staging,
              }),
          },
          subject,
        );
        fs.writeFileSync(opts.out, zip);
        console.log(`已导出电子卷宗 ${opts.case} 到 ${opts.out}（${zip.length} 字节）`);
      } finally {
        await database.close();
      }
    });

  program
    .command('verify-file <file>')
    .description(
      '离线核验电子卷宗：逐件核对 SHA-256、记录日志包含证明及检查点签名（通过退出码 0，否则 1 并指出文件）',
    )
    .option(
      '--key <verifierKey...>',
      '本平台记录日志的验证公钥（sanxiang log key）；不给则使用压缩包内附的公钥',
    )
    .action((file: string, opts: { key?: string[] }) => {
      const result = verifyCaseFileZip(fs.readFileSync(file), opts.key ?? []);
      for (const p of result.problems) console.error(`不通过：${p.item}：${p.message}`);
      if (!result.ok) {
        process.exitCode = 1;
        return;
      }
      console.log(
        `核验通过：${result.checked} 个文件均与清单一致，且包含在大小为 ${result.checkpointSize} 的已签名检查点中`,
      );
      if (!result.keyGiven) {
        console.log(
          '注意：未用 --key 指定验证公钥，检查点签名是用压缩包内附的公钥验证的；请向本平台索取公钥再核验一次。',
        );
      }
    });
}
