import { describe, expect, it } from 'vitest';
import { bundledCalendar } from '../../platform/calendar/chinese-days.data.ts';
import type { ReviewPackage } from '../package.ts';
import { samplePackage, sampleOfficers } from '../sample-package.ts';
import { runPrechecks } from './all.rules.ts';
import { avCheck } from './av.rules.ts';
import { discretionCheck, outsideBenchmark } from './discretion.rules.ts';
import { documentsCheck } from './documents.rules.ts';
import { legalBasesCheck } from './legal-bases.rules.ts';
import { officersCheck } from './officers.rules.ts';
import { powerListCheck } from './power-list.rules.ts';
import { deadlinesCheck, noticeCheck, stepOrderCheck } from './procedure.rules.ts';
import { timeBarCheck } from './time-bar.rules.ts';

const ctx = { calendar: bundledCalendar, today: '2026-11-28' };
const pkg = (change: (p: ReviewPackage) => void = () => {}): ReviewPackage => {
  const p = samplePackage();
  change(p);
  return p;
};
const at = (date: string, hour: number) => new Date(`${date}T${String(hour).padStart(2, '0')}:00:00+08:00`);

describe('the sample package', () => {
  it('passes every pre-check except the notice still to come (notice follows review, issue 5)', () => {
    const results = runPrechecks(pkg(), ctx);
    expect(results.filter((r) => r.status !== 'pass').map((r) => [r.code, r.status])).toEqual([
      ['power_list', 'warn'],
      ['notice_periods', 'warn'],
    ]);
    for (const r of results) expect(r.evidence.length).toBeGreaterThan(0);
  });
});

describe('power list, field and territory (行政处罚法 §17, §22)', () => {
  it('fails an item not in force on the date of the act', () => {
    const r = powerListCheck(pkg((p) => (p.item!.version = null)));
    expect(r).toMatchObject({ status: 'fail', point: 'competence' });
    expect(r.evidence.join()).toContain('没有施行中的版本');
  });
  it("fails another agency's item, a withdrawn item and a kind that differs", () => {
    expect(powerListCheck(pkg((p) => (p.item!.agencyId = 'other'))).status).toBe('fail');
    expect(powerListCheck(pkg((p) => (p.item!.withdrawn = true))).status).toBe('fail');
    expect(powerListCheck(pkg((p) => (p.item!.kind = 'licensing'))).status).toBe('fail');
  });
  it('fails a field outside the item and a place outside the territory', () => {
    expect(powerListCheck(pkg((p) => (p.item!.fields = ['drugs']))).status).toBe('fail');
    const r = powerListCheck(pkg((p) => (p.placeRegionCode = '430422')));
    expect(r.evidence.join()).toContain('不在本机关辖区');
    expect(r.status).toBe('fail');
  });
  it('passes an item stating the case field, within the territory', () => {
    expect(powerListCheck(pkg((p) => (p.item!.fields = ['food']))).status).toBe('pass');
  });
});

describe('officers (行政处罚法 §42)', () => {
  it('fails a step reserved to two officers taken by one', () => {
    const r = officersCheck(pkg((p) => (p.steps[2]!.officers = [sampleOfficers[0]])));
    expect(r.status).toBe('fail');
    expect(r.evidence).toEqual([expect.stringContaining('少于法定的 2 名')]);
  });
  it('fails an officer whose certificate had expired on the day of the step, naming the officer', () => {
    const r = officersCheck(
      pkg((p) => {
        const expired = {
          ...sampleOfficers[1],
          certificates: [{ ...sampleOfficers[1].certificates[0]!, validTo: '2026-10-15' }],
        };
        p.steps[2]!.officers = [sampleOfficers[0], expired];
      }),
    );
    expect(r.status).toBe('fail');
    expect(r.evidence).toEqual([expect.stringMatching(/2026-10-16 .*黄磊 执法证已过有效期/)]);
  });
  it('fails a certificate suspended on the day, and one for another field', () => {
    const suspended = pkg((p) => {
      const cert = {
        ...sampleOfficers[1].certificates[0]!,
        statusChanges: [{ status: 'suspended' as const, effectiveOn: '2026-10-01' }],
      };
      p.steps[1]!.officers = [sampleOfficers[0], { ...sampleOfficers[1], certificates: [cert] }];
    });
    expect(officersCheck(suspended).evidence.join()).toContain('暂扣');
    expect(officersCheck(pkg((p) => (p.field = 'drugs'))).status).toBe('fail');
  });
  const served = (method: string) => (p: ReviewPackage) => {
    p.steps.push({
      ...p.steps[2]!,
      id: 's-service',
      step: 'service',
      on: '2026-10-20',
      officers: [sampleOfficers[0]],
      method,
    });
  };
  it('§61: service by post or electronic means needs no second officer; service in person does', () => {
    expect(officersCheck(pkg(served('mail'))).status).toBe('pass');
    expect(officersCheck(pkg(served('electronic'))).status).toBe('pass');
    const direct = officersCheck(pkg(served('direct')));
    expect(direct.status).toBe('fail');
    expect(direct.evidence).toEqual([expect.stringContaining('service：执法人员 1 名')]);
  });
});

describe('step order (行政处罚法 §44, §54, §62)', () => {
  it('fails an investigation report dated before the filing', () => {
    const r = stepOrderCheck(pkg((p) => (p.steps[3]!.on = '2026-10-14')));
    expect(r.status).toBe('fail');
    expect(r.evidence.join()).toContain('早于立案');
  });
  it('fails a decision without a notice (§62)', () => {
    const r = stepOrderCheck(
      pkg((p) =>
        p.steps.push({
          id: 'd',
          step: 'decision',
          on: '2026-11-20',
          startedAt: at('2026-11-20', 9),
          endedAt: null,
          officers: [],
        }),
      ),
    );
    expect(r.status).toBe('fail');
    expect(r.evidence.join()).toContain('§62');
  });
});

describe('notice and waiting periods (行政处罚法 §44, §64, §85)', () => {
  const noticed = (on: string) => (p: ReviewPackage) =>
    p.steps.push({
      id: 'n',
      step: 'notice',
      on,
      startedAt: at(on, 9),
      endedAt: null,
      officers: [...sampleOfficers],
    });
  it('warns while the 5 working days for a hearing request run, naming the last day', () => {
    const r = noticeCheck(pkg(noticed('2026-11-25')), ctx);
    expect(r.status).toBe('warn');
    expect(r.evidence.join()).toContain('2026-12-02');
  });
  it('passes once the period is over', () => {
    expect(noticeCheck(pkg(noticed('2026-11-16')), ctx).status).toBe('pass');
  });
  it('fails a hearing held less than 7 working days after its notice, or chaired by an investigator', () => {
    const r = noticeCheck(
      pkg((p) => {
        noticed('2026-11-02')(p);
        p.steps.push({
          id: 'hn',
          step: 'hearing_notice',
          on: '2026-11-12',
          startedAt: at('2026-11-12', 9),
          endedAt: null,
          officers: [],
        });
        p.hearing = { heldOn: '2026-11-18', chairId: 'officer-1' };
      }),
      ctx,
    );
    expect(r.status).toBe('fail');
    expect(r.evidence.join()).toContain('不足 7 个工作日');
    expect(r.evidence.join()).toContain('听证主持人参与了本案调查');
  });
});

describe('deadlines (程序规定 §18; 行政处罚法 §56, §60)', () => {
  it('fails a filing later than 15 working days after the lead', () => {
    const r = deadlinesCheck(
      pkg((p) => (p.steps[0]!.on = '2026-09-01')),
      ctx,
    );
    expect(r.status).toBe('fail');
    expect(r.evidence[0]).toContain('已超期');
  });
  it('accepts the same filing when the extension of 15 working days was approved', () => {
    const r = deadlinesCheck(
      pkg((p) => {
        p.steps[0]!.on = '2026-09-10';
        p.extensions.leadVerification = true;
      }),
      ctx,
    );
    expect(r.status).toBe('pass');
  });
  it('fails a case past 90 days from filing without a decision', () => {
    expect(deadlinesCheck(pkg(), { ...ctx, today: '2027-01-14' }).status).toBe('fail');
    expect(deadlinesCheck(pkg(), { ...ctx, today: '2027-01-13' }).status).toBe('pass');
  });
  it('fails advance preservation not decided within 7 working days', () => {
    const r = deadlinesCheck(
      pkg((p) =>
        p.steps.push({
          id: 'ap',
          step: 'evidence_preservation',
          on: '2026-10-16',
          startedAt: at('2026-10-16', 9),
          endedAt: null,
          officers: [],
        }),
      ),
      ctx,
    );
    expect(r.status).toBe('fail');
  });
});

describe('time bar (行政处罚法 §36)', () => {
  it('fails an act discovered more than 2 years after it ended', () => {
    const r = timeBarCheck(pkg((p) => (p.act = { ...p.act, endedOn: '2024-10-11' })));
    expect(r.status).toBe('fail');
  });
  it('allows 5 years where life, health or financial security was harmed', () => {
    const r = timeBarCheck(
      pkg(
        (p) =>
          (p.act = { endedOn: '2022-10-13', discoveredOn: '2026-10-12', lifeHealthOrFinancialHarm: true }),
      ),
    );
    expect(r.status).toBe('pass');
  });
});

describe('AV gaps (国办发〔2018〕118号)', () => {
  it('fails a checklist step without AV', () => {
    const r = avCheck(pkg((p) => (p.evidence = [])));
    expect(r).toMatchObject({ status: 'fail', point: 'facts' });
    expect(r.evidence).toEqual([expect.stringContaining('调查取证')]);
  });
});

describe('legal bases in force (行政处罚法 §4, §37)', () => {
  it('fails an article the item does not list', () => {
    const r = legalBasesCheck(
      pkg((p) => p.proposed.legalBases.push({ law: '中华人民共和国食品安全法', article: '第一百二十五条' })),
      ctx,
    );
    expect(r.status).toBe('fail');
    expect(r.evidence).toContain('《中华人民共和国食品安全法》第一百二十五条 不在该事项的法律依据中');
  });
  it('fails an article not yet in force on the date of the act', () => {
    const r = legalBasesCheck(
      pkg((p) => (p.item!.legalBases[0]!.inForceFrom = '2026-10-11')),
      ctx,
    );
    expect(r.status).toBe('fail');
  });
  it('fails an article repealed before the act', () => {
    expect(
      legalBasesCheck(
        pkg((p) => (p.item!.legalBases[0]!.inForceTo = '2026-10-01')),
        ctx,
      ).status,
    ).toBe('fail');
  });

  // 行政处罚法 §37: the old provision applies, unless by the decision a lighter new one has replaced it
  const OLD = { law: '中华人民共和国食品安全法', article: '第一百二十四条' };
  const NEW = { law: '中华人民共和国食品安全法', article: '第一百二十四条（2026年修正）' };
  const amended = (lighter: boolean) => (p: ReviewPackage) => {
    p.item!.legalBases[0]!.inForceTo = '2026-11-01';
    p.item!.legalBases.push({
      ...NEW,
      text: '……',
      inForceFrom: '2026-11-02',
      inForceTo: null,
      supersedes: OLD,
      lighter,
    });
  };
  it('§37 从旧兼从轻: a newer, lighter provision in force at the decision passes', () => {
    const r = legalBasesCheck(
      pkg((p) => {
        amended(true)(p);
        p.proposed.legalBases = [NEW];
      }),
      ctx,
    );
    expect(r.status).toBe('pass');
    expect(r.evidence[0]).toContain('依从旧兼从轻适用新规定');
  });
  it('§37: a newer provision that is not lighter does not reach an act done before it', () => {
    const r = legalBasesCheck(
      pkg((p) => {
        amended(false)(p);
        p.proposed.legalBases = [NEW];
      }),
      ctx,
    );
    expect(r.status).toBe('fail');
    expect(r.evidence[0]).toContain('应适用旧规定');
  });
  it('§37: citing the old provision when a lighter one has replaced it by the decision fails', () => {
    const r = legalBasesCheck(pkg(amended(true)), ctx);
    expect(r.status).toBe('fail');
    expect(r.evidence[0]).toContain('应当适用新规定');
  });
  it('§37: the old provision still applies when the new one is not in force yet at the decision', () => {
    const r = legalBasesCheck(pkg(amended(true)), { today: '2026-11-01' });
    expect(r.status).toBe('pass');
  });
});

describe('discretion benchmark (行政处罚法 §34)', () => {
  it('passes an amount within the benchmark', () => {
    expect(discretionCheck(pkg())).toMatchObject({ status: 'pass', point: 'discretion' });
    expect(outsideBenchmark(pkg())).toBe(false);
  });
  it('fails an amount above the benchmark without a written reason', () => {
    const p = pkg((x) => (x.proposed.amountFen = 9_000_000));
    expect(discretionCheck(p).status).toBe('fail');
    expect(outsideBenchmark(p)).toBe(true);
  });
  it('warns when a written reason is given', () => {
    const p = pkg((x) => {
      x.proposed.amountFen = 9_000_000;
      x.proposed.discretionReason = '多次违法，情节严重';
    });
    expect(discretionCheck(p).status).toBe('warn');
  });
  it('warns without a benchmark for the circumstance', () => {
    expect(discretionCheck(pkg((p) => (p.proposed.circumstance = 'heavier'))).status).toBe('warn');
  });
});

describe('required documents (国市监法发〔2021〕42号)', () => {
  it('fails without the investigation report', () => {
    const r = documentsCheck(
      pkg((p) => (p.documents = p.documents.filter((d) => d.type !== 'investigation_report'))),
    );
    expect(r.status).toBe('fail');
    expect(r.evidence).toEqual([expect.stringContaining('案件调查终结报告')]);
  });
  it('asks for the measure decision and property list once a seizure was made', () => {
    const r = documentsCheck(
      pkg((p) =>
        p.steps.push({
          id: 'sz',
          step: 'seizure',
          on: '2026-10-16',
          startedAt: at('2026-10-16', 9),
          endedAt: null,
          officers: [],
        }),
      ),
    );
    expect(r.evidence).toHaveLength(2);
  });
});
