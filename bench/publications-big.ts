import { sql } from 'kysely';
import pg from 'pg';
import { openPostgres, type Database } from '../src/platform/db/database.ts';
import { migrateToLatest } from '../src/platform/db/migrate.ts';
import { redact } from './log-db.ts';
import { backendCpu, type CpuSnapshot } from './pg-cpu.ts';
import { fixed } from './table.ts';

/**
 * A big publications table for the portal-search bench (issue 4 Figures): `size` publications generated
 * in SQL (generate_series, one statement), in a PostgreSQL database `sanxiang_bench_publications` that is
 * KEPT between runs: building it takes minutes, so a later run reuses it when it was built by this
 * generator (GENERATOR below) with the same size, and only brings its schema up to date (migrateToLatest,
 * so a new index migration is measured too). Drop it by hand to free the disk:
 * `drop database sanxiang_bench_publications`.
 *
 * The rows look like a county's decisions over 3 years: six agencies, the six kinds (penalties and
 * licences most), 65 % companies (200,000 of them, each with its 18-character unified social credit code
 * and a name such as 衡阳县西渡镇恒达商贸有限公司), 15 % individual businesses (92… codes), 20 % natural
 * persons masked as surname + 某某; document numbers such as 衡县市监处罚〔2025〕123号 numbered per agency,
 * kind and year; 96 % published, 2.5 % withdrawn with a reason, 1.5 % ended early; 15 % of the published
 * ones have a 3-month period (most of those have run out and are hidden), the rest 3 years.
 */

export const BENCH_PUBLICATIONS_DB = 'sanxiang_bench_publications';
/** Bumped whenever the generated rows change, so an older database is rebuilt. */
const GENERATOR = 'publications-v2';

export interface BigPublications {
  size: number;
  /** Seconds spent building now (0 when the database was reused). */
  buildSeconds: number;
  reused: boolean;
  /** The table and its indexes on disk. */
  tableBytes: number;
  indexBytes: number;
  /** Rows the public may see today (published within their period, or withdrawn). */
  publicRows: number;
}

export interface PublicationsDatabase {
  url: string;
  database: Database;
  dbCpu: () => Promise<CpuSnapshot>;
}

const AGENCIES: [name: string, short: string][] = [
  ['衡阳县市场监督管理局', '衡县市监'],
  ['衡阳县农业农村局', '衡县农业'],
  ['衡阳县应急管理局', '衡县应急'],
  ['衡阳县交通运输局', '衡县交通'],
  ['衡阳县生态环境分局', '衡县环境'],
  ['衡阳县文化旅游广电体育局', '衡县文旅'],
];

const arr = (items: readonly string[]) => `array[${items.map((s) => `'${s}'`).join(',')}]::text[]`;
const TOWNS = arr([
  '西渡镇',
  '演陂镇',
  '金兰镇',
  '集兵镇',
  '杉桥镇',
  '井头镇',
  '台源镇',
  '曲兰镇',
  '金溪镇',
  '樟树乡',
  '岘山镇',
  '界牌镇',
]);
const C1 = arr('恒鑫瑞祥泰丰华盛宏兴福源金安顺达永佳和嘉正德益民新昌隆海天康汇利诚鸿信宝广博美光'.split(''));
const C2 = arr('达源发丰盛隆昌泰兴利和顺祥鑫福通成旺宏辉华泽润康安美佳乐家园远航科创星辰晟禾明亮'.split(''));
const TRADES = arr([
  '商贸',
  '食品',
  '餐饮',
  '建材',
  '农资',
  '药业',
  '五金',
  '服饰',
  '电器',
  '物流',
  '超市',
  '酒业',
  '茶业',
  '粮油',
  '水产',
  '建筑',
  '化工',
  '机械',
  '印务',
  '科技',
  '种业',
  '畜牧',
  '旅游',
  '运输',
  '环保',
]);
const SHOPS = arr([
  '便利店',
  '副食店',
  '小吃店',
  '农资店',
  '五金店',
  '药店',
  '粉店',
  '烟酒店',
  '早餐店',
  '理发店',
]);
const SURNAMES = arr(
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'.split(
    '',
  ),
);
const VIOLATIONS = arr([
  '经营超过保质期的食品',
  '未按规定明码标价',
  '销售不合格产品',
  '无证经营食品',
  '使用未经检验的特种设备',
  '发布虚假广告',
  '经营农药未建立进货台账',
  '销售假冒注册商标的商品',
  '未按规定公示营业执照',
  '计量器具未经检定',
]);
const REASONS = arr([
  '原处罚决定已被行政复议机关撤销',
  '原决定经本机关自查发现认定事实有误，已依法撤销',
  '人民法院判决撤销原行政处罚决定',
]);
const KIND_WORDS = `jsonb_build_object('penalty','处罚','licensing','许可','coercion','强制','levy','征收','fee','收费','inspection','检查')`;

/**
 * One statement: the rows' random attributes first (`r`), their document numbers numbered per agency,
 * kind and year (`numbered`), then the texts, written in the order of their decision dates (as a live
 * table fills up). random() per row; no two runs build the same rows.
 */
const INSERT = (size: number) => `
insert into publications (id, agency_id, unit_id, kind, status, case_id, party_kind, party_name, party_credit_code,
  document_number, decided_on, title, summary, document_text, sanctions, facts, personal_records, due_on,
  due_warnings, review_note, published_at, published_on, period_ends_on, period_rule, withdrawal_reason,
  withdrawal_occurred_on, withdrawal_due_on, withdrawn_at, ended_at, end_reason, created_at, updated_at)
with ag as (
  select id, short_name, (row_number() over (order by short_name) - 1)::int as i from agencies
), r as (
  select n,
    (select count(*) from ag)::int as agencies,
    random() as rk, random() as rp, random() as rs, random() as rperiod, random() as rfine,
    floor(random() * 200000)::int as org,
    floor(random() * 100000)::int as shop,
    floor(random() * 1095)::int as age,
    1 + floor(random() * 9)::int as lag
  from generate_series(1, ${size}) as g(n)
), typed as (
  select r.*,
    case when rk < 0.40 then 'penalty' when rk < 0.70 then 'licensing' when rk < 0.88 then 'inspection'
      when rk < 0.94 then 'coercion' when rk < 0.97 then 'levy' else 'fee' end as kind,
    case when rp < 0.65 then 'company' when rp < 0.80 then 'shop' else 'person' end as party,
    current_date - age as decided_on
  from r
), named as (
  select t.*,
    -- a company's index scrambled over 12 towns × 40 × 40 brand characters × 25 trades (480,000 names)
    ((t.org::bigint * 7919) % 480000)::int as o
  from typed t
), parties as (
  select x.*,
    case x.party
      when 'company' then '衡阳县' || (${TOWNS})[1 + x.o % 12] || (${C1})[1 + (x.o / 12) % 40]
        || (${C2})[1 + (x.o / 480) % 40] || (${TRADES})[1 + (x.o / 19200) % 25] || '有限公司'
      when 'shop' then '衡阳县' || (${TOWNS})[1 + x.shop % 12] || (${C1})[1 + (x.shop / 12) % 40]
        || (${C2})[1 + (x.shop / 480) % 40] || (${SHOPS})[1 + (x.shop / 19200) % 10]
      else (${SURNAMES})[1 + x.shop % 100] || '某某'
    end as party_name,
    case x.party
      when 'company' then '91430421' || lpad(x.org::text, 9, '0') || substr('0123456789ABCDEFGHJKLMNPQRTUWXY', 1 + x.org % 31, 1)
      when 'shop' then '92430421' || lpad(x.shop::text, 9, '0') || substr('0123456789ABCDEFGHJKLMNPQRTUWXY', 1 + x.shop % 31, 1)
    end as credit_code,
    ag.id as agency_id, ag.short_name
  from named x join ag on ag.i = x.n % x.agencies
), numbered as (
  select p.*,
    p.short_name || (${KIND_WORDS} ->> p.kind) || '〔' || extract(year from p.decided_on)::int || '〕'
      || row_number() over (partition by p.agency_id, p.kind, extract(year from p.decided_on) order by p.decided_on, p.n)
      || '号' as document_number,
    least(p.decided_on + p.lag, current_date) as published_on,
    case when p.rs < 0.025 then 'withdrawn' when p.rs < 0.04 then 'ended' else 'published' end as status,
    (${VIOLATIONS})[1 + p.n % 10] as violation,
    (array[300000, 800000, 2000000, 5000000, 12000000])[1 + floor(p.rfine * 5)::int] as fine
  from parties p
)
select gen_random_uuid(), agency_id, null, kind, status, null,
  case when party = 'person' then 'natural_person' else 'organisation' end,
  party_name, credit_code, document_number, decided_on,
  case kind
    when 'penalty' then party_name || violation || '案行政处罚决定书'
    when 'licensing' then party_name || '食品经营许可决定'
    when 'inspection' then party_name || '随机抽查结果'
    when 'coercion' then party_name || '涉嫌不合格产品查封扣押决定'
    when 'levy' then party_name || '行政征收决定'
    else party_name || '行政事业性收费决定'
  end,
  case kind
    when 'penalty' then party_name || violation || '，依据有关法律规定，决定给予罚款' || (fine / 100) || '元。'
    when 'licensing' then '准予' || party_name || '食品经营许可，有效期五年。'
    when 'inspection' then case when n % 3 = 0 then '抽查发现问题，已责令限期整改。' else '抽查未发现问题。' end
    when 'coercion' then '对涉嫌不合格的产品实施扣押，期限三十日。'
    else '依法征收有关费用。'
  end,
  '当事人：' || party_name || coalesce(E'\\n统一社会信用代码：' || credit_code, '')
    || E'\\n\\n经查，当事人' || violation || '。执法人员现场检查时发现上述问题，并制作了现场笔录，提取了相关证据。'
    || E'本机关于作出决定前告知了当事人拟作出的决定内容及事实、理由、依据，以及依法享有的陈述、申辩的权利。\\n\\n'
    || '如不服本决定，可以在收到本决定书之日起六十日内向衡阳县人民政府申请行政复议，或者在六个月内依法向衡阳县人民法院提起行政诉讼。',
  case when kind = 'penalty' then jsonb_build_array(jsonb_build_object('kind', 'fine', 'amountFen', fine)) else '[]'::jsonb end,
  '{}'::jsonb,
  jsonb_build_object('naturalPersons', '[]'::jsonb, 'organisations', '[]'::jsonb),
  decided_on + 9, '[]'::jsonb, '',
  published_on + time '10:00' - interval '8 hours', published_on,
  case when rperiod < 0.15 then (published_on + interval '3 months')::date else (published_on + interval '3 years')::date end,
  case when rperiod < 0.15 then 'three_months' else 'three_years' end,
  case when status = 'withdrawn' then (${REASONS})[1 + n % 3] end,
  case when status = 'withdrawn' then published_on + 20 end,
  case when status = 'withdrawn' then published_on + 23 end,
  case when status = 'withdrawn' then published_on + 22 + time '09:00' - interval '8 hours' end,
  case when status = 'ended' then published_on + 200 + time '09:00' - interval '8 hours' end,
  case when status = 'ended' then '当事人申请提前停止公示，已履行行政处罚决定且整改到位（公示规定第十四条）' end,
  decided_on + time '09:00' - interval '8 hours',
  published_on + time '10:00' - interval '8 hours'
from numbered
order by decided_on, n`;

async function tableFacts(db: Database['db']): Promise<{
  comment: string | null;
  rows: number;
  tableBytes: number;
  indexBytes: number;
  publicRows: number;
}> {
  const { rows } = await sql<{
    comment: string | null;
    rows: string;
    table_bytes: string;
    index_bytes: string;
    public_rows: string;
  }>`select obj_description('publications'::regclass, 'pg_class') as comment,
       (select count(*) from publications) as rows,
       pg_table_size('publications') as table_bytes, pg_indexes_size('publications') as index_bytes,
       (select count(*) from publications where status = 'withdrawn'
          or (status = 'published' and (period_ends_on is null or period_ends_on >= current_date))) as public_rows`.execute(
    db,
  );
  const r = rows[0]!;
  return {
    comment: r.comment,
    rows: Number(r.rows),
    tableBytes: Number(r.table_bytes),
    indexBytes: Number(r.index_bytes),
    publicRows: Number(r.public_rows),
  };
}

/** Builds the rows: secondary indexes dropped first and rebuilt after (as the migrations define them). */
async function build(db: Database['db'], size: number, onProgress: (what: string) => void): Promise<void> {
  for (const [name, short] of AGENCIES) {
    await sql`insert into agencies (id, name, short_name, credit_code, region_code, level, kind)
      values (gen_random_uuid(), ${name}, ${short}, ${`11430421${String(AGENCIES.findIndex(([n]) => n === name)).padStart(9, '0')}X`},
        '430421', 'county', 'enforcement')`.execute(db);
  }
  const { rows: indexes } = await sql<{ name: string; def: string }>`
    select i.indexname as name, i.indexdef as def from pg_indexes i
    where i.tablename = 'publications'
      and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`.execute(db);
  for (const i of indexes) await sql.raw(`drop index ${i.name}`).execute(db);
  onProgress(`inserting ${size} rows (one statement)`);
  await sql.raw(`set work_mem = '256MB'`).execute(db);
  await sql.raw(INSERT(size)).execute(db);
  await sql.raw(`set maintenance_work_mem = '512MB'`).execute(db);
  for (const i of indexes) {
    onProgress(`index ${i.name}`);
    await sql.raw(i.def).execute(db);
  }
  await sql.raw('vacuum analyze publications').execute(db);
  await sql.raw(`comment on table publications is '${GENERATOR}:${size}'`).execute(db);
}

/**
 * Closes the bench's pool and waits until its connections are gone: pg's Pool.end resolves before, and a
 * forced drop would kill them while they still listen (their error event would crash the bench).
 */
async function closeAndWait(admin: pg.Client, database: Database): Promise<void> {
  await database.close();
  for (let i = 0; i < 100; i++) {
    const { rows } = await admin.query<{ n: number }>(
      'select count(*)::int as n from pg_stat_activity where datname = $1',
      [BENCH_PUBLICATIONS_DB],
    );
    if ((rows[0]?.n ?? 0) === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Opens (or builds) the big publications database and hands it to `fn`; the database is kept afterwards.
 * Returns the reason instead when PostgreSQL is out of reach.
 */
export async function withBigPublications(
  adminUrl: string,
  size: number,
  fn: (facts: BigPublications, database: PublicationsDatabase) => Promise<void>,
): Promise<string | undefined> {
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
  admin.on('error', () => {});
  try {
    await admin.connect();
  } catch (err) {
    return `PostgreSQL unreachable at ${redact(adminUrl)} (${err instanceof Error ? err.message : String(err)}): portal search skipped`;
  }
  const url = new URL(adminUrl);
  url.pathname = `/${BENCH_PUBLICATIONS_DB}`;
  let database: Database | undefined;
  try {
    const started = performance.now();
    const progress = (what: string) =>
      console.error(`  publications: ${what} (${fixed((performance.now() - started) / 1000, 0)} s)`);
    const exists = await admin.query('select 1 from pg_database where datname = $1', [BENCH_PUBLICATIONS_DB]);
    let reused = false;
    if (exists.rowCount === 1) {
      database = openPostgres(url.toString(), 4);
      await migrateToLatest(database.db);
      const facts = await tableFacts(database.db);
      reused = facts.comment === `${GENERATOR}:${size}`;
      if (!reused) {
        progress(
          `existing database holds ${facts.comment ?? 'no bench mark'}, not ${GENERATOR}:${size}: rebuilding`,
        );
        await closeAndWait(admin, database);
        database = undefined;
        await admin.query(`drop database ${BENCH_PUBLICATIONS_DB} with (force)`);
      }
    }
    if (!reused) {
      await admin.query(`create database ${BENCH_PUBLICATIONS_DB}`);
      database = openPostgres(url.toString(), 4);
      await migrateToLatest(database.db);
      await build(database.db, size, progress);
    }
    const buildSeconds = reused ? 0 : (performance.now() - started) / 1000;
    const facts = await tableFacts(database!.db);
    if (facts.rows !== size) throw new Error(`the bench table holds ${facts.rows} publications, not ${size}`);
    await fn(
      { size, buildSeconds, reused, ...facts },
      {
        url: url.toString(),
        database: database!,
        dbCpu: () => backendCpu(admin, BENCH_PUBLICATIONS_DB),
      },
    );
    return undefined;
  } finally {
    await database?.close();
    await admin.end();
  }
}
