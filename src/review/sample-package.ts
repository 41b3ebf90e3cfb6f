import { defaultChecklist } from '../records/av-checklist.rules.ts';
import type { PackageOfficer, ReviewPackage } from './package.ts';

/**
 * A complete, lawful ordinary-procedure penalty case ready for review, as plain data: the pure tests of
 * the catalogue, the review rules and each pre-check start from it and change one thing. Invented names.
 */
const officer = (n: number, name: string): PackageOfficer => ({
  personId: `officer-${n}`,
  name,
  certificates: [
    { fields: ['food', 'quality'], validFrom: '2024-01-01', validTo: '2029-12-31', statusChanges: [] },
  ],
});

export const sampleOfficers = [officer(1, '张伟'), officer(2, '黄磊')] as const;

const at = (date: string, hour: number) => new Date(`${date}T${String(hour).padStart(2, '0')}:00:00+08:00`);

export function samplePackage(): ReviewPackage {
  const officers = [...sampleOfficers];
  return {
    caseId: 'case-1',
    caseNumber: '衡县市监立〔2026〕7号',
    agency: { id: 'agency-1', name: '衡阳县市场监督管理局', regionCode: '430421' },
    kind: 'penalty',
    procedure: 'ordinary',
    field: 'food',
    placeRegionCode: '430421100',
    party: { type: 'organisation', name: '衡阳县某某食品商行', idNumber: null },
    facts: '当事人于 2026 年 10 月经营超过保质期的预包装食品 36 件，货值 1,200 元。',
    act: { endedOn: '2026-10-10', discoveredOn: '2026-10-12', lifeHealthOrFinancialHarm: false },
    item: {
      id: 'item-1',
      code: 'CF-SP-124',
      name: '对经营超过保质期的食品的处罚',
      kind: 'penalty',
      agencyId: 'agency-1',
      version: 1,
      withdrawn: false,
      fields: [],
      legalBases: [
        {
          law: '中华人民共和国食品安全法',
          article: '第一百二十四条',
          text: '……经营超过保质期的食品……',
          inForceFrom: '2021-04-29',
          inForceTo: null,
        },
      ],
      benchmarks: [
        { circumstance: 'lighter', minFen: 5_000_000, maxFen: 6_500_000, measures: '' },
        { circumstance: 'general', minFen: 6_500_000, maxFen: 8_500_000, measures: '' },
      ],
    },
    steps: [
      {
        id: 's-lead',
        step: 'lead',
        on: '2026-10-12',
        startedAt: at('2026-10-12', 9),
        endedAt: null,
        officers: [],
      },
      {
        id: 's-file',
        step: 'filing',
        on: '2026-10-15',
        startedAt: at('2026-10-15', 9),
        endedAt: null,
        officers,
      },
      {
        id: 's-evid',
        step: 'evidence_collection',
        on: '2026-10-16',
        startedAt: at('2026-10-16', 10),
        endedAt: at('2026-10-16', 11),
        officers,
      },
      {
        id: 's-report',
        step: 'investigation_report',
        on: '2026-11-10',
        startedAt: at('2026-11-10', 9),
        endedAt: null,
        officers,
      },
    ],
    evidence: [
      {
        id: 'ev-1',
        label: '现场检查录像',
        kind: 'video',
        subjectType: 'case',
        subjectId: 'case-1',
        step: 'evidence_collection',
        stepId: 's-evid',
        fullProcess: false,
        capturedFrom: at('2026-10-16', 10),
        capturedTo: at('2026-10-16', 11),
        interruptions: [],
      },
    ],
    avChecklist: defaultChecklist,
    proposed: {
      measures: ['fine', 'confiscation'],
      amountFen: 7_000_000,
      confiscationFen: 120_000,
      circumstance: 'general',
      discretionReason: '',
      legalBases: [{ law: '中华人民共和国食品安全法', article: '第一百二十四条' }],
      summary: '没收超过保质期的食品 36 件，罚款 70,000 元',
    },
    hearing: null,
    extensions: { leadVerification: false, decision: false },
    socialImpact: false,
    complex: false,
    documents: [
      { id: 'd-1', type: 'case_source', title: '案件来源登记表', number: null, issuedOn: '2026-10-12' },
      { id: 'd-2', type: 'filing_approval', title: '立案审批表', number: null, issuedOn: '2026-10-15' },
      { id: 'd-3', type: 'on_site_record', title: '现场笔录', number: null, issuedOn: '2026-10-16' },
      {
        id: 'd-4',
        type: 'investigation_report',
        title: '案件调查终结报告',
        number: null,
        issuedOn: '2026-11-10',
      },
    ],
    investigatorIds: officers.map((o) => o.personId),
  };
}
