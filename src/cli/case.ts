import type { Command } from 'commander';
import { caseNumbersUnscoped } from '../cases/cases.queries.ts';
import { loadConfig } from '../platform/config.ts';
import { openDatabase } from '../platform/db/database.ts';
import { migrateToLatest } from '../platform/db/migrate.ts';
import { AppError } from '../platform/errors.ts';
import { lifecycles } from '../cases/lifecycles/index.ts';

/** The states any lifecycle knows (for checking `--state`). */
const knownStates = new Set(Object.values(lifecycles).flatMap((lc) => lc.states.map((s) => s.id)));

/** `sanxiang case …`: cases on the command line (one case number per line, for scripts). */
export function addCaseCommands(program: Command): void {
  const kase = program.command('case').description('案件');
  kase
    .command('list')
    .description('列出案件编号，每行一个（按登记先后）')
    .option('--state <state>', `只列出该状态的案件（如 ${[...knownStates].slice(0, 4).join('、')}）`)
    .action(async (opts: { state?: string }) => {
      if (opts.state !== undefined && !knownStates.has(opts.state)) {
        throw new AppError('VALIDATION_FAILED', {
          detail: `未知的案件状态：${opts.state}；可用：${[...knownStates].join(', ')}`,
        });
      }
      const config = loadConfig();
      const database = await openDatabase(config, 'sanxiang case list');
      try {
        await migrateToLatest(database.db);
        const numbers = await caseNumbersUnscoped(database.db, opts.state);
        if (numbers.length > 0) process.stdout.write(`${numbers.join('\n')}\n`);
      } finally {
        await database.close();
      }
    });
}
