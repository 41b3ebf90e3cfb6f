import { runCommand, systemActor, type CommandContext, type CommandDeps } from '../platform/audit/command.ts';
import { workingCalendar } from '../platform/calendar/calendar.service.ts';
import { addWorkingDays, dayNumber, fromDayNumber } from '../platform/calendar/working-days.rules.ts';
import { chinaDate } from '../platform/clock.ts';
import type { ActionKind } from '../powers/action-kinds.ts';
import { creditCodeCheckCharacter } from '../org/credit-code.rules.ts';
import type { NewRow } from '../platform/db/schema.ts';
import { newId } from '../platform/ids.ts';
import {
  defaultPublicityDeadlines,
  publicityPeriod,
  withdrawalDue,
  type PublicityDeadlineConfig,
  type Sanction,
} from '../publicity/deadlines.rules.ts';
import { idNumberCheckCharacter } from '../publicity/personal-data.rules.ts';
import type { PublicationInput } from '../publicity/publications.schema.ts';
import { draftRow } from '../publicity/publication-draft.service.ts';
import { insertSettingsRow } from '../publicity/publications.store.ts';
import { ownAgency } from '../platform/db/agency-scope.ts';
import {
  agenciesByShortNames,
  insertPublicationEventRows,
  insertPublicationRows,
  continueNumbering,
  nextSerialOf,
  peopleOf,
  unitsOf,
} from './demo.store.ts';

/**
 * Demo publications (issue 4 item 9): some 220 decisions of the two bureaus over the last two years —
 * most published (a few late), some withdrawn with their reason, some whose period has run out (low fines
 * and circulated criticisms: 3 months, 公示规定 §13), a few drafts and items in review, one overdue. Natural
 * persons' full ID numbers, phones and addresses sit in the internal record and in the texts as written,
 * so masking has work to do. Every name, number and address is invented. Rows are written in bulk (one
 * command, one recorded event per row) so the demo loads fast.
 */

/** A small deterministic generator: the same demo every time. */
function random(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s * 1_664_525 + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
  };
}

const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '周',
  '吴',
  '罗',
  '谭',
  '欧阳',
  '曾',
  '彭',
  '邓',
];
const GIVEN = [
  '建华',
  '秀英',
  '志强',
  '红梅',
  '国平',
  '丽娟',
  '小军',
  '春生',
  '海燕',
  '德明',
  '桂兰',
  '卫东',
];
const TOWNS = ['西渡镇', '台源镇', '井头镇', '界牌镇', '洪市镇', '金兰镇', '演陂镇'];
const STREETS = ['解放路', '建设路', '蒸阳北路', '人民路', '新街', '老街'];
const BRANDS = [
  '恒丰',
  '湘源',
  '新田',
  '福满',
  '佳禾',
  '永兴',
  '金穗',
  '蒸水',
  '衡香',
  '瑞丰',
  '康之源',
  '万家',
];
const TRADES = [
  '食品贸易',
  '农资',
  '超市',
  '餐饮管理',
  '药房',
  '五金机电',
  '副食品',
  '粮油',
  '建材',
  '汽车维修',
];

const CREDIT_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

function creditCode(r: ReturnType<typeof random>, prefix: '91' | '92'): string {
  let body = `${prefix}430421MA4`;
  while (body.length < 17) body += r.pick([...CREDIT_CHARS]);
  return body + creditCodeCheckCharacter(body);
}

function idNumber(r: ReturnType<typeof random>): string {
  const birth = `${r.int(1955, 2000)}${String(r.int(1, 12)).padStart(2, '0')}${String(r.int(1, 28)).padStart(2, '0')}`;
  const first17 = `430421${birth}${String(r.int(10, 999)).padStart(3, '0')}`;
  return first17 + idNumberCheckCharacter(first17);
}

const personName = (r: ReturnType<typeof random>) => r.pick(SURNAMES) + r.pick(GIVEN);
const phone = (r: ReturnType<typeof random>) =>
  `1${r.pick(['38', '39', '58', '77', '87'])}${r.int(10_000_000, 99_999_999)}`;
const address = (r: ReturnType<typeof random>) =>
  `湖南省衡阳县${r.pick(TOWNS)}${r.pick(STREETS)}${r.int(1, 199)}号`;

const yuan = (fen: number) => `${(fen / 100).toLocaleString('zh-CN')}元`;

interface Violation {
  what: string;
  basis: string;
}

const MARKET_VIOLATIONS: Violation[] = [
  { what: '销售超过保质期的食品', basis: '《中华人民共和国食品安全法》第一百二十四条第一款第（五）项' },
  { what: '未取得食品经营许可从事食品经营活动', basis: '《中华人民共和国食品安全法》第一百二十二条第一款' },
  { what: '销售不合格产品', basis: '《中华人民共和国产品质量法》第四十九条' },
  { what: '发布虚假广告', basis: '《中华人民共和国广告法》第五十五条第一款' },
  { what: '不按规定明码标价', basis: '《明码标价和禁止价格欺诈规定》第二十一条' },
  { what: '使用未经检定的计量器具', basis: '《中华人民共和国计量法实施细则》第四十三条' },
  {
    what: '未建立并遵守进货查验记录制度',
    basis: '《中华人民共和国食品安全法》第一百二十六条第一款第（三）项',
  },
  {
    what: '经营无中文标签的进口预包装食品',
    basis: '《中华人民共和国食品安全法》第一百二十五条第一款第（四）项',
  },
];
const FARM_VIOLATIONS: Violation[] = [
  { what: '经营假农药', basis: '《农药管理条例》第五十五条第一款第（一）项' },
  { what: '未取得农药经营许可证经营农药', basis: '《农药管理条例》第五十五条第一款第（一）项' },
  { what: '销售未经审定的主要农作物种子', basis: '《中华人民共和国种子法》第七十七条' },
];

const WITHDRAWAL_REASONS = [
  '该行政处罚决定经行政复议被撤销',
  '该行政处罚决定经人民法院判决撤销',
  '本机关依法自行纠正，变更了该行政处罚决定',
  '该决定被确认违法',
];

interface Plan {
  agencyId: string;
  unitId: string | null;
  agencyShort: string;
  farm: boolean;
}

interface Made {
  input: PublicationInput;
  /** Working days from the decision to publication; null: not published yet. */
  publishAfter: number | null;
  withdraw: { after: number; reason: string } | null;
  status: 'draft' | 'in_review' | 'published' | 'withdrawn';
}

function makeOne(r: ReturnType<typeof random>, plan: Plan, n: number, decidedOn: string): Made {
  const year = decidedOn.slice(0, 4);
  const roll = r.next();
  const kind: ActionKind = plan.farm
    ? roll < 0.75
      ? 'penalty'
      : 'inspection'
    : roll < 0.58
      ? 'penalty'
      : roll < 0.78
        ? 'licensing'
        : roll < 0.92
          ? 'inspection'
          : 'coercion';
  const natural = kind === 'penalty' && r.next() < 0.4;
  const legalRep = personName(r);
  const repPhone = phone(r);
  const person = natural
    ? { name: personName(r), id: idNumber(r), phone: phone(r), address: address(r) }
    : null;
  const shop = `衡阳县${r.pick(TOWNS)}${r.pick(BRANDS)}${r.pick(TRADES)}`;
  const orgName = r.next() < 0.5 ? `${shop}有限公司` : `${shop}店`;
  const code = creditCode(r, orgName.endsWith('公司') ? '91' : '92');
  const partyName = person ? person.name : orgName;
  const partyLine = person
    ? `当事人：${person.name}，性别：${r.pick(['男', '女'])}，公民身份号码：${person.id}，住址：${person.address}，联系电话：${person.phone}。`
    : `当事人：${orgName}\n统一社会信用代码：${code}\n经营场所：衡阳县${r.pick(TOWNS)}${r.pick(STREETS)}${r.int(1, 199)}号\n法定代表人（经营者）：${legalRep}，联系电话：${repPhone}`;
  const records = {
    naturalPersons: person
      ? [{ name: person.name, idNumber: person.id, phone: person.phone, addresses: [person.address] }]
      : [{ name: legalRep, phone: repPhone }],
    organisations: person ? [] : [{ name: orgName, creditCode: code }],
  };
  const office = plan.agencyShort;
  let title: string;
  let summary: string;
  let body: string;
  let sanctions: Sanction[] = [];
  let documentNumber: string;
  if (kind === 'penalty') {
    const v = r.pick(plan.farm ? FARM_VIOLATIONS : MARKET_VIOLATIONS);
    const s = r.next();
    if (s < 0.12) sanctions = [{ kind: 'circulated_criticism' }];
    else {
      const fine = natural
        ? r.pick([50_000, 80_000, 200_000, 500_000, 1_000_000])
        : r.pick([300_000, 800_000, 2_000_000, 5_000_000, 12_000_000]);
      sanctions = [{ kind: 'fine', amountFen: fine }];
      if (s > 0.7) sanctions.push({ kind: 'confiscation' });
      if (s > 0.96) sanctions.push({ kind: 'licence_revocation' });
    }
    const outcome = sanctions
      .map((x) =>
        x.kind === 'fine'
          ? `罚款${yuan(x.amountFen)}`
          : x.kind === 'confiscation'
            ? '没收违法所得'
            : x.kind === 'licence_revocation'
              ? '吊销许可证件'
              : '通报批评',
      )
      .join('、');
    documentNumber = `${office}处罚〔${year}〕${n}号`;
    title = `${partyName}${v.what}案行政处罚决定书`;
    summary = `${partyName}${v.what}，违反了${v.basis.split('第')[0]}的规定，依据${v.basis}，决定给予${outcome}。`;
    body = `${partyLine}\n\n经查，当事人${v.what}。执法人员于${decidedOn.slice(0, 7)}现场检查时发现上述问题，并制作了现场笔录，提取了相关证据。\n\n本机关于作出决定前告知了当事人拟作出的行政处罚内容及事实、理由、依据，以及依法享有的陈述、申辩${sanctions.some((x) => x.kind === 'fine' && x.amountFen >= 1_000_000) ? '、要求听证' : ''}的权利。\n\n依据${v.basis}，本机关决定：${outcome}。\n\n${sanctions.some((x) => x.kind === 'fine') ? '当事人应自收到本决定书之日起十五日内缴纳罚款。逾期不缴纳的，每日按罚款数额的百分之三加处罚款。\n\n' : ''}如不服本决定，可以在收到本决定书之日起六十日内向衡阳县人民政府申请行政复议，或者在六个月内依法向衡阳县人民法院提起行政诉讼。`;
  } else if (kind === 'licensing') {
    const what = r.pick(['食品经营许可', '药品零售经营许可', '特种设备使用登记', '小餐饮登记']);
    documentNumber = `${office}许可〔${year}〕${n}号`;
    title = `${orgName}${what}决定`;
    summary = `准予${orgName}${what}，有效期五年。`;
    body = `申请人：${orgName}\n统一社会信用代码：${code}\n法定代表人（负责人）：${legalRep}\n\n经审查，申请人提交的材料齐全，符合法定形式，经营场所经现场核查符合条件。依据《中华人民共和国行政许可法》第三十八条第一款，决定准予${what}，有效期五年。`;
  } else if (kind === 'inspection') {
    const found = r.next() < 0.3;
    documentNumber = `${office}检查〔${year}〕${n}号`;
    title = `${orgName}随机抽查结果`;
    summary = found ? '抽查发现问题，已责令限期整改。' : '抽查未发现问题。';
    body = `检查对象：${orgName}\n统一社会信用代码：${code}\n检查事项：${plan.farm ? '农药经营' : '食品经营'}监督检查（双随机抽查）\n检查结果：${found ? '发现未按规定建立台账，已责令限期整改' : '未发现问题'}。`;
  } else {
    documentNumber = `${office}强制〔${year}〕${n}号`;
    title = `${orgName}涉嫌不合格产品查封扣押决定`;
    summary = '对涉嫌不合格的产品实施扣押，期限三十日。';
    body = `当事人：${orgName}\n统一社会信用代码：${code}\n现场负责人：${legalRep}，联系电话：${repPhone}\n\n依据《中华人民共和国产品质量法》第十八条，对当事人涉嫌不合格的产品实施扣押，期限三十日。`;
  }
  const input: PublicationInput = {
    kind,
    unitId: plan.unitId,
    caseId: null,
    partyKind: person ? 'natural_person' : 'organisation',
    partyName,
    partyCreditCode: person ? null : code,
    documentNumber,
    decidedOn,
    title,
    summary,
    documentText: body,
    sanctions,
    personalRecords: records,
    autoMask: true,
  };
  const late = r.next() < 0.08;
  const publishAfter = late ? r.int(8, 14) : r.int(1, kind === 'licensing' || kind === 'penalty' ? 7 : 15);
  const withdraw =
    kind === 'penalty' && r.next() < 0.05
      ? { after: publishAfter + r.int(20, 120), reason: r.pick(WITHDRAWAL_REASONS) }
      : null;
  return { input, publishAfter, withdraw, status: withdraw ? 'withdrawn' : 'published' };
}

/** The demo bureau's province sets low-fine ceilings, so light penalties are public for 3 months (§13). */
const demoSettings: PublicityDeadlineConfig = {
  ...defaultPublicityDeadlines,
  lowFineMaxFen: { naturalPerson: 100_000, organisation: 1_000_000 },
};

export async function loadDemoPublications(deps: CommandDeps): Promise<void> {
  const agencies = await agenciesByShortNames(deps.db, ['衡县市监', '衡县农业']);
  const units = (await Promise.all(agencies.map((a) => unitsOf(deps.db, ownAgency(a.id))))).flat();
  // The bureau's publisher (赵丽) reviews the demo publications.
  const bureauId = agencies.find((a) => a.short_name === '衡县市监')?.id;
  const people = bureauId === undefined ? [] : await peopleOf(deps.db, ownAgency(bureauId));
  const reviewer = people.find((p) => p.name === '赵丽')?.id ?? null;
  const cal = await workingCalendar(deps.db);
  const now = deps.clock.now();
  const today = chinaDate(now);
  const r = random(20_261_128);

  const plans: { plan: Plan; count: number }[] = agencies.map((a) => {
    const farm = a.short_name === '衡县农业';
    const unit = units.find((u) => u.agency_id === a.id && /大队|股|所/.test(u.name) && u.name !== '办公室');
    return {
      plan: { agencyId: a.id, unitId: unit?.id ?? null, agencyShort: a.short_name, farm },
      count: farm ? 30 : 190,
    };
  });

  // Decisions the platform numbered already (none when the demo loads these first): the published ones
  // continue after them, and the platform's numbering continues after those.
  const years = [0, 1, 2].map((back) => Number(today.slice(0, 4)) - back);
  const numbered = new Map<string, Map<string, number>>();
  for (const { plan } of plans) {
    const own = ownAgency(plan.agencyId);
    const byYear = new Map<string, number>();
    for (const y of years)
      byYear.set(String(y), (await nextSerialOf(deps.db, own, 'penalty_decision', y)) - 1);
    numbered.set(plan.agencyId, byYear);
  }

  await runCommand(deps, systemActor, async (ctx: CommandContext) => {
    const bureau = plans.find((p) => !p.plan.farm)?.plan;
    if (bureau) {
      const settings = await insertSettingsRow(ctx.trx, ownAgency(bureau.agencyId), {
        id: newId(),
        agency_id: bureau.agencyId,
        config: JSON.stringify(demoSettings),
        reason: '省局规定的较低数额罚款标准（演示数据）',
        created_at: ctx.now,
      });
      await ctx.record({
        kind: 'publicity.settings_changed',
        agencyId: bureau.agencyId,
        subjectType: 'publicity_settings',
        subjectId: settings.id,
        record: settings,
      });
    }
    const rows: NewRow<'publications'>[] = [];
    const events: {
      action: 'drafted' | 'published' | 'withdrawn';
      on: string;
      id: string;
      agency: string;
    }[] = [];
    for (const { plan, count } of plans) {
      const config = plan.farm ? defaultPublicityDeadlines : demoSettings;
      const numbers = new Map<string, number>(numbered.get(plan.agencyId));
      // Oldest first, so document numbers rise through each year.
      const days = Array.from({ length: count }, () => r.int(3, 730)).sort((a, b) => b - a);
      days.forEach((ago, i) => {
        const decidedOn = fromDayNumber(dayNumber(today) - ago);
        const year = decidedOn.slice(0, 4);
        const n = (numbers.get(year) ?? 0) + 1;
        numbers.set(year, n);
        const made = makeOne(r, plan, n, decidedOn);
        // The newest few of the bureau are still in the pipeline; one is overdue.
        if (!plan.farm && i >= count - 8) {
          made.status = i >= count - 4 ? 'draft' : 'in_review';
          made.publishAfter = null;
          made.withdraw = null;
        }
        const values = draftRow(cal, config, made.input);
        const id = newId();
        let publishedOn: string | null = null;
        let extra: Partial<NewRow<'publications'>> = {};
        if (made.publishAfter !== null) {
          publishedOn = addWorkingDays(cal, decidedOn, made.publishAfter).date;
          if (publishedOn > today) publishedOn = today;
          const period = publicityPeriod(made.input.sanctions, made.input.partyKind, publishedOn, config);
          extra = {
            reviewer_id: reviewer,
            review_note: '同意公示',
            published_at: new Date(`${publishedOn}T09:30:00+08:00`),
            published_on: publishedOn,
            period_ends_on: period.endsOn,
            period_rule: period.rule,
          };
          events.push(
            { action: 'drafted' as const, on: decidedOn, id, agency: plan.agencyId },
            { action: 'published' as const, on: publishedOn, id, agency: plan.agencyId },
          );
        } else {
          events.push({ action: 'drafted' as const, on: decidedOn, id, agency: plan.agencyId });
        }
        if (made.withdraw && publishedOn) {
          const occurredOn = addWorkingDays(cal, publishedOn, made.withdraw.after).date;
          if (occurredOn < today) {
            const withdrawnOn = addWorkingDays(cal, occurredOn, r.int(1, 3)).date;
            extra = {
              ...extra,
              withdrawal_reason: made.withdraw.reason,
              withdrawal_occurred_on: occurredOn,
              withdrawal_due_on: withdrawalDue(cal, occurredOn, config).date,
              withdrawn_at: new Date(`${withdrawnOn < today ? withdrawnOn : today}T10:00:00+08:00`),
            };
            events.push({ action: 'withdrawn' as const, on: withdrawnOn, id, agency: plan.agencyId });
          } else made.status = 'published';
        } else if (made.status === 'withdrawn') made.status = 'published';
        rows.push({
          ...values,
          ...extra,
          id,
          agency_id: plan.agencyId,
          status: made.status,
          author_id: null,
          created_at: new Date(`${decidedOn}T16:00:00+08:00`),
          updated_at: ctx.now,
        });
      });
    }
    for (const { plan } of plans) {
      const own = ownAgency(plan.agencyId);
      const used = new Map<string, number>();
      for (const row of rows)
        if (row.agency_id === plan.agencyId) {
          const m = /〔(\d{4})〕(\d+)号$/.exec(row.document_number);
          if (m) used.set(m[1]!, Math.max(used.get(m[1]!) ?? 0, Number(m[2])));
        }
      for (const [year, last] of used)
        await continueNumbering(ctx.trx, own, 'penalty_decision', Number(year), last + 1);
    }
    // Each agency's rows in a statement of its own, in the order they were made.
    const written: Awaited<ReturnType<typeof insertPublicationRows>> = [];
    const history: Awaited<ReturnType<typeof insertPublicationEventRows>> = [];
    for (const { plan } of plans) {
      const own = ownAgency(plan.agencyId);
      written.push(
        ...(await insertPublicationRows(
          ctx.trx,
          own,
          rows.filter((row) => row.agency_id === plan.agencyId),
        )),
      );
      history.push(
        ...(await insertPublicationEventRows(
          ctx.trx,
          own,
          events
            .filter((e) => e.agency === plan.agencyId)
            .map((e) => ({
              id: newId(),
              agency_id: e.agency,
              publication_id: e.id,
              action: e.action,
              note: e.action === 'drafted' ? '演示数据' : '',
              actor_id: e.action === 'drafted' ? null : reviewer,
              at: new Date(`${e.on}T12:00:00+08:00`),
            })),
        )),
      );
    }
    for (const row of written) {
      await ctx.record({
        kind: `publicity.publication_${row.status === 'draft' ? 'drafted' : row.status === 'in_review' ? 'submitted' : row.status}`,
        agencyId: row.agency_id,
        subjectType: 'publication',
        subjectId: row.id,
        // Its history rows are recorded with it (verify-history.ts).
        record: { ...row, history: history.filter((e) => e.publication_id === row.id) },
      });
    }
  });
}
