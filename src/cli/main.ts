import { randomBytes } from 'node:crypto';
import { Command, Option } from 'commander';
import { agencyByCreditCode } from '../org/agencies.service.ts';
import { insertPerson } from '../org/people.service.ts';
import { createToken, listTokens, revokeToken, tokenScopes, type TokenScope } from '../org/tokens.service.ts';
import { demoProfiles, loadDemo, type DemoProfile } from '../demo/load-demo.ts';
import { runCommand, type CommandDeps } from '../platform/audit/command.ts';
import { hashPassword, passwordProblem } from '../platform/auth/passwords.ts';
import { isRole, roles } from '../platform/auth/roles.ts';
import { systemClock } from '../platform/clock.ts';
import { loadConfig } from '../platform/config.ts';
import { openDatabase } from '../platform/db/database.ts';
import { migrateToLatest } from '../platform/db/migrate.ts';
import { loadStagingKey } from '../platform/record-log/staging-key.ts';
import { AppError } from '../platform/errors.ts';
import { blobRootOf, localBlobStore } from '../records/blob-store.ts';
import { addCaseCommands } from './case.ts';
import { addCaseFileCommands } from './case-file.ts';
import { addCountyCommands } from './county.ts';
import { addLogCommands } from './log.ts';
import { serve } from './serve.ts';
import { demoCounty } from './demo-county.ts';
import { addVerifyCommand } from './verify.ts';
import { addVerifyDrawCommand } from './verify-draw.ts';
import { addUpstreamCommands } from './upstream.ts';
import { countyOutbox } from '../exchange/outbox/outbox.service.ts';

/** The `sanxiang` command. Each subcommand opens the configured database, does one thing, and closes. */
const program = new Command('sanxiang').description('三项制度执法平台 sanxiang').showHelpAfterError();

async function withDatabase<T>(purpose: string, fn: (deps: CommandDeps) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await openDatabase(config, purpose);
  try {
    await migrateToLatest(database.db);
    return await fn({
      db: database.db,
      clock: systemClock,
      staging: loadStagingKey(config, { create: true }),
      // What a command of the command line changes reaches the county too (docs/county-push.md).
      outbox: countyOutbox().hook,
    });
  } finally {
    await database.close();
  }
}

program
  .command('serve')
  .description('启动服务（内嵌数据库或 DATABASE_URL 指定的 PostgreSQL）')
  .option(
    '--demo [profile]',
    `数据库为空时载入演示数据（生产环境不载入）；--demo=county 载入县级执法监督平台的演示数据`,
  )
  .action(async (opts: { demo?: boolean | string }) => {
    const profile = opts.demo === true ? 'default' : (opts.demo ?? false);
    if (profile !== false && !demoProfiles.includes(profile as DemoProfile))
      throw new AppError('VALIDATION_FAILED', {
        detail: `没有名为 ${profile} 的演示数据，可选：${demoProfiles.join('、')}`,
      });
    await serve(loadConfig(), { demo: profile as DemoProfile | false });
  });

program
  .command('migrate')
  .description('将数据库结构升级到最新')
  .action(async () => {
    const config = loadConfig();
    const database = await openDatabase(config, 'sanxiang migrate');
    try {
      const applied = await migrateToLatest(database.db);
      console.log(applied.length ? `已执行迁移：${applied.join(', ')}` : '数据库已是最新结构');
    } finally {
      await database.close();
    }
  });

program
  .command('demo')
  .description('向空数据库载入演示数据')
  .action(async () => {
    const blobs = localBlobStore(blobRootOf(loadConfig().dataDir));
    const loaded = await withDatabase('sanxiang demo', (deps) => loadDemo(deps, blobs));
    console.log(loaded ? '已载入演示数据' : '数据库中已有数据，未载入演示数据');
  });

program
  .command('demo-county')
  .description(
    '演示两个实例：市场监督管理局（PORT，默认 8080）与县级执法监督平台（COUNTY_PORT，默认 8090），已配对并推送演示数据',
  )
  .action(async () => demoCounty());

const user = program.command('user').description('账号管理');
user
  .command('add')
  .description('新建人员及其登录账号')
  .requiredOption('--agency <creditCode>', '所属机关的统一社会信用代码')
  .requiredOption('--name <name>', '姓名')
  .requiredOption('--username <username>', '用户名')
  .addOption(new Option('--role <role...>', '角色').choices(roles).default([]))
  .option('--password <password>', '初始密码（不填则随机生成并显示一次）')
  .action(
    async (opts: { agency: string; name: string; username: string; role: string[]; password?: string }) => {
      const password = opts.password ?? `Sx${randomBytes(9).toString('base64url')}9`;
      const weak = passwordProblem(password);
      if (weak) throw new AppError('VALIDATION_FAILED', { detail: weak });
      await withDatabase('sanxiang user add', async (deps) => {
        const agency = await agencyByCreditCode(deps.db, opts.agency.toUpperCase());
        if (!agency)
          throw new AppError('NOT_FOUND', { detail: `没有统一社会信用代码为 ${opts.agency} 的机关` });
        const hash = await hashPassword(password);
        await runCommand(deps, { personId: null, agencyId: agency.id, via: 'cli', ip: null }, (ctx) =>
          insertPerson(
            ctx,
            agency.id,
            {
              name: opts.name,
              unitId: null,
              post: '',
              phone: null,
              roles: opts.role.filter(isRole),
              account: { username: opts.username.toLowerCase(), password },
              certificates: [],
            },
            hash,
          ),
        );
      });
      console.log(
        `已创建账号 ${opts.username}${opts.password ? '' : `，初始密码：${password}（只显示这一次）`}`,
      );
    },
  );

const token = program.command('token').description('其他系统调用接口的访问令牌');
token
  .command('create')
  .description('为账号创建访问令牌（令牌只显示这一次）')
  .requiredOption('--user <username>', '令牌代表的账号')
  .option('--name <name>', '令牌用途', 'api')
  .addOption(new Option('--scope <scope...>', '权限范围').choices(tokenScopes).default(['read']))
  .option('--days <days>', '有效天数（不填则长期有效，可撤销）')
  .action(async (opts: { user: string; name: string; scope: TokenScope[]; days?: string }) => {
    const expiresAt = opts.days ? new Date(Date.now() + Number(opts.days) * 86_400_000) : null;
    const scopes: TokenScope[] = opts.scope.includes('write') ? ['read', 'write'] : ['read'];
    const created = await withDatabase('sanxiang token create', (deps) =>
      createToken(deps, { username: opts.user, name: opts.name, scopes, expiresAt }),
    );
    console.log(`令牌编号：${created.id}\n令牌（只显示这一次）：${created.token}`);
  });
token
  .command('list')
  .description('列出访问令牌')
  .option('--user <username>', '只列出该账号的令牌')
  .action(async (opts: { user?: string }) => {
    const rows = await withDatabase('sanxiang token list', (deps) => listTokens(deps, opts.user));
    console.table(
      rows.map((r) => ({
        编号: r.id,
        用途: r.name,
        账号: r.username,
        范围: r.scopes.join(','),
        创建: r.created_at.toISOString(),
        到期: r.expires_at?.toISOString() ?? '长期',
        状态: r.revoked_at ? '已撤销' : '有效',
      })),
    );
  });
token
  .command('revoke <id>')
  .description('撤销访问令牌')
  .action(async (id: string) => {
    await withDatabase('sanxiang token revoke', (deps) => revokeToken(deps, id));
    console.log(`已撤销令牌 ${id}`);
  });

addLogCommands(program);
addCaseCommands(program);
addCaseFileCommands(program);
addVerifyCommand(program);
addVerifyDrawCommand(program);
addCountyCommands(program);
addUpstreamCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof AppError) {
    console.error(`错误：${err.detail ?? err.title}`);
    process.exit(1);
  }
  throw err;
}
