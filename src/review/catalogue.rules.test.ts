import { describe, expect, it } from 'vitest';
import {
  catalogueProblems,
  classify,
  defaultCatalogue,
  measureOfSanction,
  sanctionFacts,
  type Catalogue,
  type DecisionFacts,
} from './catalogue.rules.ts';

const facts = (over: Partial<DecisionFacts> = {}): DecisionFacts => ({
  kind: 'penalty',
  field: 'food',
  procedure: 'summary',
  partyType: 'person',
  amountFen: 10_000,
  confiscationFen: 0,
  measures: ['fine'],
  hearingHeld: false,
  outsideBenchmark: false,
  socialImpact: false,
  complex: false,
  ...over,
});

const codes = (c: Catalogue, f: DecisionFacts) => classify(c, f).reasons.map((r) => r.code);

/** The default catalogue without its first rule, to see the others alone. */
const thresholdsOnly: Catalogue = { ...defaultCatalogue, rules: defaultCatalogue.rules.slice(1) };

describe('the default review catalogue (S-12, 行政处罚法 §58)', () => {
  it('every_ordinary_decision: every decision outside the summary procedure is major (S-12)', () => {
    expect(classify(defaultCatalogue, facts({ procedure: 'ordinary' }))).toMatchObject({
      major: true,
      reasons: [{ code: 'every_ordinary_decision' }],
    });
    expect(classify(defaultCatalogue, facts({ procedure: 'ordinary', kind: 'licensing' })).major).toBe(true);
  });

  it('a summary-procedure decision is not major by default', () => {
    expect(classify(defaultCatalogue, facts())).toEqual({ major: false, reasons: [] });
  });

  it('statutory_public_interest: social impact makes a decision major (§58 (一))', () => {
    expect(codes(thresholdsOnly, facts({ socialImpact: true }))).toEqual(['statutory_public_interest']);
  });

  it('statutory_hearing: a hearing held makes a decision major (§58 (二))', () => {
    expect(codes(thresholdsOnly, facts({ hearingHeld: true }))).toEqual(['statutory_hearing']);
  });

  it('statutory_complex: several legal relations make a decision major (§58 (三))', () => {
    expect(codes(thresholdsOnly, facts({ complex: true }))).toEqual(['statutory_complex']);
  });

  it('large_fine_person: 20,000 yuan and more for a natural person, by type of party', () => {
    expect(codes(thresholdsOnly, facts({ amountFen: 2_000_000 }))).toEqual(['large_fine_person']);
    expect(codes(thresholdsOnly, facts({ amountFen: 1_999_999 }))).toEqual([]);
    expect(codes(thresholdsOnly, facts({ amountFen: 2_000_000, partyType: 'organisation' }))).toEqual([]);
  });

  it('large_fine_organisation: 50,000 yuan and more for an organisation', () => {
    const org = { partyType: 'organisation' as const };
    expect(codes(thresholdsOnly, facts({ ...org, amountFen: 5_000_000 }))).toEqual([
      'large_fine_organisation',
    ]);
    expect(codes(thresholdsOnly, facts({ ...org, amountFen: 4_999_999 }))).toEqual([]);
  });

  it('large_confiscation: confiscation worth 50,000 yuan and more', () => {
    expect(codes(thresholdsOnly, facts({ confiscationFen: 5_000_000 }))).toEqual(['large_confiscation']);
  });

  it('suspension_or_revocation: suspension and licence revocation are major, a warning is not', () => {
    expect(codes(thresholdsOnly, facts({ measures: ['suspension'] }))).toEqual(['suspension_or_revocation']);
    expect(codes(thresholdsOnly, facts({ measures: ['licence_revocation'] }))).toEqual([
      'suspension_or_revocation',
    ]);
    expect(codes(thresholdsOnly, facts({ measures: ['warning'] }))).toEqual([]);
  });

  it('outside_benchmark: a penalty outside the discretion benchmark is major (§34)', () => {
    expect(codes(thresholdsOnly, facts({ outsideBenchmark: true }))).toEqual(['outside_benchmark']);
  });

  it('gives every reason that holds, each with its basis', () => {
    const all = classify(defaultCatalogue, facts({ procedure: 'ordinary', hearingHeld: true }));
    expect(all.reasons.map((r) => r.code)).toEqual(['every_ordinary_decision', 'statutory_hearing']);
    expect(all.reasons[1]?.basis).toContain('§58');
  });
});

describe('conditions of a local catalogue', () => {
  it('field and action kind conditions combine with AND inside a rule', () => {
    const catalogue: Catalogue = {
      ...defaultCatalogue,
      rules: [
        {
          code: 'drug_penalties',
          label: '药品领域的处罚',
          basis: '某县目录',
          when: [
            { type: 'field', fields: ['drugs'] },
            { type: 'action_kind', kinds: ['penalty'] },
          ],
        },
      ],
    };
    expect(classify(catalogue, facts({ field: 'drugs' })).major).toBe(true);
    expect(classify(catalogue, facts({ field: 'drugs', kind: 'licensing' })).major).toBe(false);
    expect(classify(catalogue, facts({ field: null })).major).toBe(false);
  });
});

describe('catalogueProblems (the §58 floor)', () => {
  it('accepts the default catalogue', () => {
    expect(catalogueProblems(defaultCatalogue)).toEqual([]);
  });

  it('refuses a catalogue that drops a statutory category of §58', () => {
    const dropped = {
      ...defaultCatalogue,
      rules: defaultCatalogue.rules.filter((r) => r.code !== 'statutory_hearing'),
    };
    expect(catalogueProblems(dropped).map((p) => p.message)).toEqual([
      expect.stringContaining('经过听证程序'),
    ]);
  });

  it('refuses duplicate codes, empty rules and a review period out of range', () => {
    const bad: Catalogue = {
      rules: [...defaultCatalogue.rules, { code: 'statutory_hearing', label: 'x', basis: 'y', when: [] }],
      period: { workingDays: 0, extensionWorkingDays: 3 },
    };
    expect(catalogueProblems(bad).map((p) => p.path)).toEqual([
      `rules.${defaultCatalogue.rules.length}.code`,
      `rules.${defaultCatalogue.rules.length}.when`,
      'period.workingDays',
    ]);
  });
});

describe('the sanctions drive the catalogue (issue 12 item 3)', () => {
  it('each kind of 行政处罚法 §9 falls in one class the catalogues name', () => {
    expect(
      sanctionFacts([
        { kind: 'fine', amountFen: 500_000 },
        { kind: 'confiscation', amountFen: 120_000 },
        { kind: 'suspension_of_business', term: { value: 3, unit: 'month' } },
        { kind: 'warning' },
      ]),
    ).toEqual({
      measures: ['warning', 'fine', 'confiscation', 'suspension'],
      amountFen: 500_000,
      confiscationFen: 120_000,
    });
    expect(measureOfSanction.qualification_downgrade).toBe('licence_revocation');
    expect(measureOfSanction.employment_restriction).toBe('restriction');
    expect(measureOfSanction.circulated_criticism).toBe('warning');
  });

  it('keeps a coercive measure named beside the list, drops measures the list contradicts', () => {
    expect(sanctionFacts([{ kind: 'warning' }], ['coercive_measure', 'fine']).measures).toEqual([
      'warning',
      'coercive_measure',
    ]);
  });

  it('a revocation in the list makes a summary decision major: the amount alone would not', () => {
    const revoking = sanctionFacts([{ kind: 'fine', amountFen: 10_000 }, { kind: 'licence_revocation' }]);
    expect(codes(thresholdsOnly, facts(revoking))).toContain('suspension_or_revocation');
    expect(codes(thresholdsOnly, facts(sanctionFacts([{ kind: 'fine', amountFen: 10_000 }])))).toEqual([]);
  });
});
