import { describe, expect, it } from 'vitest';
import { bundledCalendar as cal } from '../platform/calendar/chinese-days.data.ts';
import { addWorkingDays } from '../platform/calendar/working-days.rules.ts';
import {
  computePeriod,
  computeSurcharge,
  hearingRightOf,
  publicityOf,
  summaryProcedure,
  timeBarOf,
} from './calculator.rules.ts';
import { calculatorPeriods } from './periods.ts';

const lastDay = (period: Parameters<typeof computePeriod>[1]) => computePeriod(cal, period).lastDay;
const company = { type: 'organisation' as const };

describe('期限计算器: the 2026 calendar, as the statutes count', () => {
  it('service within 7 working days (行政处罚法 §61, §85): decided 09-28, served by 10-13 across the National Day holiday', () => {
    const answer = computePeriod(cal, { period: 'service', from: '2026-09-28' });
    expect(answer.lastDay).toBe('2026-10-13');
    expect(answer.steps.map((s) => s.text)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('2026-09-28 为起算日'),
        '法定节假日，不计入：2026-10-01 至 2026-10-07',
        expect.stringMatching(/^调休上班日，计入：2026-10-10/),
      ]),
    );
  });

  it('hearing request within 5 working days (行政处罚法 §64): notice served 02-12, request until 02-26 across the Spring Festival', () => {
    expect(lastDay({ period: 'hearing_request', from: '2026-02-12' })).toBe('2026-02-26');
  });

  it('lead verification 15 working days, +15 approved (程序规定 §18): found 02-10, filing by 03-09, extended 03-30', () => {
    expect(lastDay({ period: 'lead_verification', from: '2026-02-10' })).toBe('2026-03-09');
    expect(lastDay({ period: 'lead_verification', from: '2026-02-10', extended: true })).toBe('2026-03-30');
  });

  it('payment within 15 days (§67), a last day in the holiday moves on (民法典 §203): received 09-22, last day 10-08', () => {
    const answer = computePeriod(cal, { period: 'payment', from: '2026-09-22' });
    expect(answer.lastDay).toBe('2026-10-08');
    expect(answer.steps.some((s) => s.kind === 'rolled_over' && s.from === '2026-10-07')).toBe(true);
  });

  it('surcharge 3 % a day after the last day (§72): 1,000 yuan received 09-22, nothing paid on 10-08, 60 yuan paid on 10-10', () => {
    const fine = { fineFen: 1_000_00, receivedOn: '2026-09-22' };
    expect(computeSurcharge(cal, { ...fine, paidOn: '2026-10-08' })).toMatchObject({
      lastDay: '2026-10-08',
      daysLate: 0,
      surchargeFen: 0,
    });
    expect(computeSurcharge(cal, { ...fine, paidOn: '2026-10-10' })).toMatchObject({
      daysLate: 2,
      surchargeFen: 60_00,
    });
  });

  it('surcharge never exceeds the fine (§72), and reconsideration days do not run (§73)', () => {
    const fine = { fineFen: 1_000_00, receivedOn: '2026-09-22' };
    expect(computeSurcharge(cal, { ...fine, paidOn: '2027-06-01' }).surchargeFen).toBe(1_000_00);
    const appealed = computeSurcharge(cal, {
      ...fine,
      paidOn: '2026-10-10',
      excluded: [{ from: '2026-10-09', to: '2026-10-09' }],
    });
    expect(appealed).toMatchObject({ daysLate: 1, surchargeFen: 30_00 });
  });

  it('seizure 30 days, +30 (行政强制法 §25): 09-01 → 10-01, extended 10-31, testing 09-05..09-24 → 10-21', () => {
    expect(lastDay({ period: 'seizure', from: '2026-09-01' })).toBe('2026-10-01');
    expect(lastDay({ period: 'seizure', from: '2026-09-01', extended: true })).toBe('2026-10-31');
    const testing = [{ from: '2026-09-05', to: '2026-09-24', reason: 'testing' as const }];
    expect(lastDay({ period: 'seizure', from: '2026-09-01', excluded: testing })).toBe('2026-10-21');
  });

  it('a suspension for another reason does not extend a seizure (§25 ¶3 excludes only testing time), and says so', () => {
    const answer = computePeriod(cal, {
      period: 'seizure',
      from: '2026-09-01',
      excluded: [{ from: '2026-09-05', to: '2026-09-24', reason: 'suspension' }],
    });
    expect(answer.lastDay).toBe('2026-10-01');
    expect(answer.steps.find((s) => s.kind === 'ignored')?.text).toContain(
      '中止期间不从「查封、扣押」中扣除',
    );
  });

  it('a seizure ending on a holiday is not lengthened (a restraint on property, not the party’s period)', () => {
    expect(lastDay({ period: 'seizure', from: '2026-09-03' })).toBe('2026-10-03');
  });

  it('licensing decision 20 working days, +10 (行政许可法 §42, §82): accepted 09-21, decision by 10-26, extended 11-09', () => {
    expect(lastDay({ period: 'licensing_decision', from: '2026-09-21' })).toBe('2026-10-26');
    expect(lastDay({ period: 'licensing_decision', from: '2026-09-21', extended: true })).toBe('2026-11-09');
  });

  it('licensing completion notice 5 working days (行政许可法 §32 ¶1 (四), §82): received 09-28, by the make-up Saturday 10-10', () => {
    expect(lastDay({ period: 'licensing_completion_notice', from: '2026-09-28' })).toBe('2026-10-10');
  });

  it('licence issued within 10 working days of the grant (行政许可法 §44, §82): granted 09-28, by 10-16', () => {
    const answer = computePeriod(cal, { period: 'licence_issuance', from: '2026-09-28' });
    expect(answer.lastDay).toBe('2026-10-16');
    expect(answer.steps.map((s) => s.text)).toContain('法定节假日，不计入：2026-10-01 至 2026-10-07');
  });

  it('licensing hearing: asked within 5 working days of being told, held within 20 (行政许可法 §47, §82): told 11-02 → 11-09 → 12-07', () => {
    expect(lastDay({ period: 'licensing_hearing_request', from: '2026-11-02' })).toBe('2026-11-09');
    expect(lastDay({ period: 'licensing_hearing', from: '2026-11-09' })).toBe('2026-12-07');
  });

  it('the licensing decision leaves out the hearing (行政许可法 §45): accepted 11-02, heard 11-09..11-20, decision by 12-14', () => {
    const heard = [{ from: '2026-11-09', to: '2026-11-20', reason: 'hearing' as const }];
    expect(lastDay({ period: 'licensing_decision', from: '2026-11-02', excluded: heard })).toBe('2026-12-14');
  });

  it('the 90 days of the decision leave out the hearing (程序规定 §64) and roll over a holiday (民法典 §203)', () => {
    expect(lastDay({ period: 'decision', from: '2026-07-03' })).toBe('2026-10-08'); // 10-01 + holiday
    const heard = [{ from: '2026-08-01', to: '2026-08-10', reason: 'hearing' as const }];
    expect(lastDay({ period: 'decision', from: '2026-06-01', excluded: heard })).toBe('2026-09-09');
  });

  it('the demand gives 10 working days from its service (行政强制法 §54, §69): served 11-02, until 11-16', () => {
    expect(lastDay({ period: 'payment_demand', from: '2026-11-02' })).toBe('2026-11-16');
  });

  it('cash collected on the spot to the agency in 2 working days, to the bank in 2 more (行政处罚法 §71, §85)', () => {
    expect(lastDay({ period: 'cash_handover', from: '2026-09-30' })).toBe('2026-10-09');
    expect(lastDay({ period: 'cash_deposit', from: '2026-10-09' })).toBe('2026-10-12');
  });

  it('every working-day period lands where addWorkingDays lands', () => {
    for (const period of calculatorPeriods) {
      const answer = computePeriod(cal, { period, from: '2026-12-20' });
      expect(answer.basis).not.toBe('');
      if (answer.steps.some((s) => s.text.includes('工作日，计入'))) {
        const n = Number(/第 (\d+) 个工作日/.exec(answer.steps.at(-1)?.text ?? '')?.[1]);
        expect(answer.lastDay).toBe(addWorkingDays(cal, '2026-12-20', n).date);
      }
    }
  });

  it('a year whose holidays are not loaded gives the answer with a warning', () => {
    const answer = computePeriod(cal, { period: 'service', from: '2031-12-28' });
    expect(answer.warnings.map((w) => w.year)).toEqual(expect.arrayContaining([2032]));
  });
});

describe('简易程序 (行政处罚法 §42, §51)', () => {
  it('one officer on a summary fine is refused (§42: not fewer than two)', () => {
    const answer = summaryProcedure({
      party: company,
      sanctions: [{ kind: 'fine', amountFen: 100_00 }],
      officers: 1,
    });
    expect(answer.allowed).toBe(false);
    expect(answer.problems.map((p) => p.code)).toEqual(['TOO_FEW_OFFICERS']);
  });

  it('a 个体工商户 fined 500 yuan on the spot is refused: a natural person’s limit of 200 yuan', () => {
    const answer = summaryProcedure({
      party: { type: 'individual_business' },
      sanctions: [{ kind: 'fine', amountFen: 500_00 }],
      officers: 2,
    });
    expect(answer.problems.map((p) => p.code)).toEqual(['FINE_OVER_SUMMARY_LIMIT']);
  });

  it('a credit code beginning with 92 is a 个体工商户’s, whatever type was given', () => {
    const answer = summaryProcedure({
      party: { type: 'organisation', creditCode: '92430421MA4Q8E2K7X' },
      sanctions: [{ kind: 'fine', amountFen: 500_00 }],
      officers: 2,
    });
    expect(answer).toMatchObject({ allowed: false, partyType: 'individual_business' });
  });

  it('a company’s 3,000-yuan fine by two officers is allowed; a confiscation never is', () => {
    expect(
      summaryProcedure({ party: company, sanctions: [{ kind: 'fine', amountFen: 3_000_00 }], officers: 2 })
        .allowed,
    ).toBe(true);
    const confiscation = summaryProcedure({
      party: company,
      sanctions: [{ kind: 'confiscation' }],
      officers: 2,
    });
    expect(confiscation.problems.map((p) => p.code)).toEqual(['SANCTION_NOT_SUMMARY']);
  });
});

describe('听证权利 (行政处罚法 §63; 听证办法 §5, §6)', () => {
  it('a company proposed 120,000 yuan has the hearing right; 50,000 yuan none', () => {
    expect(hearingRightOf(company, [{ kind: 'fine', amountFen: 120_000_00 }]).hearingRight).toBe(true);
    expect(hearingRightOf(company, [{ kind: 'fine', amountFen: 50_000_00 }]).hearingRight).toBe(false);
  });

  it('a natural person from 10,000 yuan; a revocation or closure always', () => {
    expect(hearingRightOf({ type: 'person' }, [{ kind: 'fine', amountFen: 10_000_00 }]).hearingRight).toBe(
      true,
    );
    expect(hearingRightOf({ type: 'person' }, [{ kind: 'fine', amountFen: 9_999_99 }]).hearingRight).toBe(
      false,
    );
    expect(hearingRightOf(company, [{ kind: 'licence_revocation' }]).grounds[0]).toContain('吊销许可证件');
    expect(hearingRightOf(company, [{ kind: 'closure' }]).hearingRight).toBe(true);
  });
});

describe('公示期限 (公示规定 §13, §14; 信用修复管理办法 §6)', () => {
  it('a company’s 200,000-yuan fine published 01-05: early end from 07-05, in food from 2027-01-05', () => {
    const fine = {
      party: company,
      sanctions: [{ kind: 'fine' as const, amountFen: 200_000_00 }],
      publishedOn: '2026-01-05',
    };
    expect(publicityOf({ ...fine, field: null })).toMatchObject({
      endsOn: '2029-01-05',
      earlyEndFrom: '2026-07-05',
    });
    expect(publicityOf({ ...fine, field: 'food' }).earlyEndFrom).toBe('2027-01-05');
  });

  it('通报批评 published 11-30 ends 2027-02-28 and never ends early', () => {
    expect(
      publicityOf({
        party: company,
        sanctions: [{ kind: 'circulated_criticism' }],
        field: null,
        publishedOn: '2026-11-30',
      }),
    ).toMatchObject({ endsOn: '2027-02-28', earlyEndFrom: null });
  });

  it('吊销 plus a fine: public for 3 years, never early', () => {
    expect(
      publicityOf({
        party: company,
        sanctions: [{ kind: 'licence_revocation' }, { kind: 'fine', amountFen: 50_000_00 }],
        field: null,
        publishedOn: '2026-03-02',
      }),
    ).toMatchObject({ endsOn: '2029-03-02', earlyEndFrom: null });
  });
});

describe('追责时效 (行政处罚法 §36)', () => {
  it('two years from the end of the act, five where life, health or finance was harmed', () => {
    expect(timeBarOf({ actEndedOn: '2024-03-01', discoveredOn: '2026-03-02', harm: false })).toMatchObject({
      barred: true,
      lastDay: '2026-03-01',
    });
    expect(timeBarOf({ actEndedOn: '2024-03-01', discoveredOn: '2026-03-02', harm: true })).toMatchObject({
      barred: false,
      lastDay: '2029-03-01',
    });
  });
});
