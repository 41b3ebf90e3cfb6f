import fs from 'node:fs';
import type { Command } from 'commander';
import { pairingInfo, registrationOfPairingInfo } from '../county/registry/registry.schema.ts';
import { listCountyAgencies, registerCountyAgency } from '../county/registry/registry.service.ts';
import { systemClock } from '../platform/clock.ts';
import { loadConfig } from '../platform/config.ts';
import { openDatabase } from '../platform/db/database.ts';
import { migrateToLatest } from '../platform/db/migrate.ts';
import { AppError } from '../platform/errors.ts';
import { loadStagingKey } from '../platform/record-log/staging-key.ts';
import type { CommandDeps } from '../platform/audit/command.ts';

/**
 * `sanxiang county …`: the county platform's registry on the command line (docs/county.md). The operator at
 * the machine acts as `cli`, as `sanxiang user add` does; the workbench's administrator uses the API.
 */
async function withDeps<T>(purpose: string, fn: (deps: CommandDeps) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await openDatabase(config, purpose);
  try {
    await migrateToLatest(database.db);
    return await fn({
      db: database.db,
      clock: systemClock,
      staging: loadStagingKey(config, { create: true }),
    });
  } finally {
    await database.close();
  }
}

/** The pairing information in FILE (the agency's `sanxiang upstream pairing-info`), checked. */
export function readPairingInfo(file: string) {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new AppError('VALIDATION_FAILED', { detail: `无法读取 ${file}：${(err as Error).message}` });
  }
  const parsed = pairingInfo.safeParse(json);
  if (!parsed.success) {
    const errors = parsed.error.issues.map((i) => ({
      path: i.path.map(String).join('.'),
      message: i.message,
    }));
    throw new AppError('VALIDATION_FAILED', {
      detail: `${file} 不是机关的对接信息：${errors.map((e) => `${e.path}：${e.message}`).join('；')}`,
      errors,
    });
  }
  return registrationOfPairingInfo(parsed.data);
}

export function addCountyCommands(program: Command): void {
  const county = program.command('county').description('县级执法监督平台：备案被监督机关');

  county
    .command('register-agency <file>')
    .description(
      '按机关的对接信息（sanxiang upstream pairing-info 输出的 JSON）备案该机关，并登记见证其记录日志',
    )
    .action(async (file: string) => {
      const input = readPairingInfo(file);
      const agency = await withDeps('sanxiang county register-agency', (deps) =>
        registerCountyAgency(deps, 'cli', input),
      );
      console.log(
        `已备案 ${agency.name}（${agency.creditCode}），记录日志 ${agency.logOrigin}，编号 ${agency.id}`,
      );
    });

  county
    .command('agencies')
    .description('列出备案的机关及其推送状态')
    .option('--json', '以 JSON 输出', false)
    .action(async (opts: { json: boolean }) => {
      const rows = await withDeps('sanxiang county agencies', (deps) => listCountyAgencies(deps.db, 'cli'));
      if (opts.json) {
        console.log(JSON.stringify(rows, null, 2));
        return;
      }
      console.table(
        rows.map((r) => ({
          信用代码: r.creditCode,
          名称: r.name,
          状态: r.state === 'suspended' ? `${r.stateLabel}（${r.suspendedReason ?? ''}）` : r.stateLabel,
          已接收至: r.lastSequence ?? '—',
          最后接收: r.lastReceivedAt ?? '—',
          记录日志: r.logOrigin,
        })),
      );
    });
}
