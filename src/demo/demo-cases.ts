import type { Actor, CommandDeps } from '../platform/audit/command.ts';
import type { Principal } from '../platform/auth/principal.ts';
import { isRole } from '../platform/auth/roles.ts';
import { addCalendarDays } from '../platform/calendar/working-days.rules.ts';
import { chinaDate } from '../platform/clock.ts';
import type { CaseDeps } from '../cases/case-decision.gates.ts';
import { decide } from '../cases/case-decision.service.ts';
import { takeStep } from '../cases/case-step.take.ts';
import { createCase } from '../cases/case-open.service.ts';
import { caseInput, decisionInput, stepInput, type PartyInput } from '../cases/cases.schema.ts';
import type { LifecycleKind } from '../cases/lifecycles/lifecycle.ts';
import { ownAgency, type OwnAgency } from '../platform/db/agency-scope.ts';
import { agencyIdByShortName, peopleWithGrants, powerItemsOf } from './demo.store.ts';

/**
 * Demo cases of 衡阳县市场监督管理局 in every kind and several states, taken through the same services as
 * the workbench (with the legal-review gate in front of decisions): a penalty case waiting for its decision
 * (its legal review and the notice that follows it are loaded by demo-reviews.ts, through the review),
 * leads (one overdue for supervision), a case under investigation, a closed summary-procedure fine, a
 * licence waiting for its decision, a sealing in force, an inspection that became a penalty lead and one
 * ordering a correction, a levy and a fee at their basis. Dates count back from today, so the periods
 * are as live on any day the demo is loaded. Every name is invented.
 */

const BUREAU = '衡县市监';

const shop: PartyInput = {
  type: 'organisation',
  name: '衡阳县演示食品超市有限公司',
  creditCode: null,
  legalRepresentative: '周某某',
  phone: null,
  address: '衡阳县西渡镇演示路 1 号',
};
const stall: PartyInput = {
  type: 'person',
  name: '赵演示',
  idNumber: null,
  phone: null,
  address: '衡阳县台源镇',
};
const restaurant: PartyInput = {
  type: 'organisation',
  name: '衡阳县演示餐饮店',
  creditCode: null,
  legalRepresentative: '钱某某',
  phone: null,
  address: '衡阳县井头镇',
};

interface DemoStep {
  by: string;
  step: string;
  daysAgo: number;
  input?: Record<string, unknown>;
}

interface DemoCase {
  kind: LifecycleKind;
  title: string;
  item?: string;
  field: 'food' | 'quality' | 'industry_commerce';
  source: string;
  by: string;
  officers: string[];
  parties: PartyInput[];
  discoveredDaysAgo: number;
  steps: DemoStep[];
  decision?: { by: string; daysAgo: number; input: Record<string, unknown> };
}

const demoCases: DemoCase[] = [
  {
    // Issue 5 item 11: a penalty case waiting for its decision (notified, the hearing period over). Its
    // review (submit_review, pass_review) goes through the legal review, then the notice: demo-reviews.ts.
    kind: 'penalty_ordinary',
    title: '涉嫌经营超过保质期的食品',
    item: 'CF-002',
    field: 'food',
    source: '投诉举报',
    by: '黄磊',
    officers: ['黄磊', '张伟'],
    parties: [shop],
    discoveredDaysAgo: 30,
    steps: [
      { by: '刘建国', step: 'file', daysAgo: 29 },
      { by: '黄磊', step: 'investigate', daysAgo: 28, input: { place: '衡阳县西渡镇演示路 1 号' } },
      {
        by: '黄磊',
        step: 'conclude_investigation',
        daysAgo: 21,
        // The investigation report's facts, submitted to the legal review as they are (demo-reviews.ts).
        input: {
          findings: {
            facts:
              '当事人衡阳县演示食品超市有限公司在其经营场所销售超过保质期的预包装饮料 24 瓶，货值 480 元；现场检查时货架上仍有陈列，当事人对事实无异议。',
            evidence: '现场笔录、现场照片及当事人的陈述，证明当事人销售超过保质期的食品及其数量、货值。',
            summary: '没收超过保质期的食品，罚款 50,000 元',
            measures: ['fine', 'confiscation'],
            amountFen: 5_000_000,
            confiscationFen: 48_000,
            circumstance: 'lighter',
            violatedBases: [{ law: '中华人民共和国食品安全法', article: '第三十四条第十项' }],
            legalBases: [{ law: '中华人民共和国食品安全法', article: '第一百二十四条第一款' }],
            actEndedOnDaysAgo: 30,
            placeRegionCode: '430421',
          },
        },
      },
    ],
  },
  {
    kind: 'penalty_ordinary',
    title: '涉嫌未取得食品经营许可从事食品经营',
    item: 'CF-001',
    field: 'food',
    source: '日常检查发现',
    by: '张伟',
    officers: ['张伟', '黄磊'],
    parties: [restaurant],
    discoveredDaysAgo: 12,
    steps: [
      { by: '刘建国', step: 'file', daysAgo: 11 },
      { by: '黄磊', step: 'investigate', daysAgo: 10 },
    ],
  },
  {
    kind: 'penalty_ordinary',
    title: '涉嫌销售标签不符合规定的预包装食品',
    field: 'food',
    source: '12315 平台转办',
    by: '何强',
    officers: ['何强', '罗芳'],
    parties: [stall],
    discoveredDaysAgo: 2,
    steps: [],
  },
  {
    // Past its 15 working days unverified: listed as overdue for supervision (程序规定 §18).
    kind: 'penalty_ordinary',
    title: '涉嫌虚假宣传（线索）',
    field: 'industry_commerce',
    source: '上级交办',
    by: '谢勇',
    officers: [],
    parties: [shop],
    discoveredDaysAgo: 40,
    steps: [],
  },
  {
    kind: 'penalty_summary',
    title: '未在经营场所显著位置悬挂食品经营许可证',
    field: 'food',
    source: '现场检查',
    by: '罗芳',
    officers: ['罗芳', '何强'],
    parties: [stall],
    discoveredDaysAgo: 6,
    steps: [
      { by: '罗芳', step: 'serve', daysAgo: 6, input: { serviceMethod: 'on_the_spot' } },
      { by: '罗芳', step: 'record_payment', daysAgo: 5, input: { amountFen: 10_000 } },
      { by: '何强', step: 'file_with_agency', daysAgo: 4 },
    ],
    decision: {
      by: '罗芳',
      daysAgo: 6,
      input: {
        outcome: 'penalty',
        amountFen: 10_000,
        formNumber: '湘市监简 No.0000123',
        place: '衡阳县西渡镇',
      },
    },
  },
  {
    kind: 'licensing',
    title: '食品经营许可（新办）',
    item: 'XK-001',
    field: 'food',
    source: '窗口申请',
    by: '黄磊',
    officers: ['黄磊', '张伟'],
    parties: [restaurant],
    discoveredDaysAgo: 8,
    steps: [
      { by: '黄磊', step: 'accept', daysAgo: 8 },
      { by: '黄磊', step: 'examine', daysAgo: 4, input: { place: '衡阳县井头镇' } },
    ],
  },
  {
    kind: 'coercion',
    title: '查封涉嫌存放超过保质期食品的仓库',
    field: 'food',
    source: '案件调查需要',
    by: '张伟',
    officers: ['张伟', '黄磊'],
    parties: [shop],
    discoveredDaysAgo: 10,
    steps: [
      { by: '刘建国', step: 'approve', daysAgo: 10 },
      {
        by: '张伟',
        step: 'enforce',
        daysAgo: 9,
        input: { measure: 'sealing', place: '衡阳县西渡镇演示仓库' },
      },
    ],
  },
  {
    kind: 'inspection',
    title: '餐饮服务单位日常监督检查',
    field: 'food',
    source: '年度双随机抽查计划',
    by: '谢勇',
    officers: ['谢勇', '唐慧'],
    parties: [restaurant],
    discoveredDaysAgo: 15,
    steps: [
      { by: '谢勇', step: 'inspect', daysAgo: 14 },
      { by: '唐慧', step: 'record', daysAgo: 14 },
      { by: '谢勇', step: 'conclude', daysAgo: 13 },
      {
        by: '谢勇',
        step: 'refer_lead',
        daysAgo: 13,
        input: { reason: '后厨发现超过保质期的调味品，涉嫌违法' },
      },
    ],
  },
  {
    kind: 'inspection',
    title: '食品销售者日常监督检查',
    field: 'food',
    source: '日常巡查',
    by: '邓超',
    officers: ['邓超', '许琳'],
    parties: [stall],
    discoveredDaysAgo: 7,
    steps: [
      { by: '邓超', step: 'inspect', daysAgo: 7 },
      { by: '许琳', step: 'record', daysAgo: 7 },
      { by: '邓超', step: 'conclude', daysAgo: 6 },
      {
        by: '邓超',
        step: 'order_correction',
        daysAgo: 6,
        input: { reason: '进货查验记录不全，限 10 日内改正' },
      },
    ],
  },
  {
    kind: 'levy',
    title: '演示征收事项（核定依据）',
    field: 'industry_commerce',
    source: '依申请',
    by: '张伟',
    officers: [],
    parties: [shop],
    discoveredDaysAgo: 3,
    steps: [],
  },
  {
    kind: 'fee',
    title: '演示收费事项（核定依据）',
    field: 'industry_commerce',
    source: '依申请',
    by: '张伟',
    officers: [],
    parties: [restaurant],
    discoveredDaysAgo: 3,
    steps: [],
  },
];

interface DemoPerson {
  id: string;
  name: string;
  agencyId: string;
  roles: string[];
}

/** A demo person as a principal, and the actor that names them as loaded by the demo (via `system`). */
function actingAs(p: DemoPerson): { principal: Principal; actor: Actor } {
  return {
    principal: {
      accountId: '',
      personId: p.id,
      agencyId: p.agencyId,
      username: '',
      name: p.name,
      roles: new Set(p.roles.filter(isRole)),
      supervisedAgencyIds: new Set(),
      via: 'session',
      scopes: null,
      ip: null,
    },
    actor: { personId: p.id, agencyId: p.agencyId, via: 'system', ip: null },
  };
}

async function bureauPeople(deps: CommandDeps, bureau: OwnAgency): Promise<Map<string, DemoPerson>> {
  const rows = await peopleWithGrants(deps.db, bureau);
  const people = new Map<string, DemoPerson>();
  for (const r of rows) {
    const p = people.get(r.name) ?? { id: r.id, name: r.name, agencyId: r.agency_id, roles: [] };
    if (r.role) p.roles.push(r.role);
    people.set(r.name, p);
  }
  return people;
}

/** Loads the demo cases (after the people and the power list). */
export async function loadDemoCases(deps: CommandDeps): Promise<void> {
  const caseDeps: CaseDeps = deps;
  const bureau = ownAgency(await agencyIdByShortName(deps.db, BUREAU));
  const people = await bureauPeople(deps, bureau);
  const person = (name: string): DemoPerson => {
    const p = people.get(name);
    if (!p) throw new Error(`demo person ${name} missing`);
    return p;
  };
  const items = await powerItemsOf(deps.db, bureau);
  const today = chinaDate(deps.clock.now());
  const ago = (n: number) => addCalendarDays(today, -n);
  for (const d of demoCases) {
    const creator = actingAs(person(d.by));
    const created = await createCase(
      deps,
      creator.principal,
      caseInput.parse({
        kind: d.kind,
        title: d.title,
        itemId: d.item ? (items.find((i) => i.code === d.item)?.id ?? null) : null,
        field: d.field,
        source: d.source,
        discoveredOn: ago(d.discoveredDaysAgo),
        parties: d.parties,
        officerIds: d.officers.map((n) => person(n).id),
      }),
      creator.actor,
    );
    let version = created.case.version;
    const id = created.case.id;
    if (d.decision) {
      const who = actingAs(person(d.decision.by));
      const input = decisionInput.parse({ version, on: ago(d.decision.daysAgo), ...d.decision.input });
      version = (await decide(caseDeps, who.principal, id, input, who.actor)).case.version;
    }
    for (const s of d.steps) {
      const who = actingAs(person(s.by));
      const findings = s.input?.findings as Record<string, unknown> | undefined;
      const input = stepInput.parse({
        version,
        on: ago(s.daysAgo),
        ...s.input,
        ...(findings
          ? {
              findings: {
                ...Object.fromEntries(Object.entries(findings).filter(([k]) => k !== 'actEndedOnDaysAgo')),
                actEndedOn: ago(findings.actEndedOnDaysAgo as number),
              },
            }
          : {}),
      });
      version = (await takeStep(caseDeps, who.principal, id, s.step, input, who.actor)).case.version;
    }
  }
}
