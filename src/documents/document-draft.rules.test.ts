import { describe, expect, it } from 'vitest';
import { draftProblems, mergeDraft } from './document-draft.rules.ts';
import type { Prefill } from './document-prefill.rules.ts';
import { documentData } from './documents.schema.ts';

const draft: Prefill = {
  data: {
    parties: [{ kind: 'organisation', name: '某商行' }],
    officers: [
      { name: '张伟', certificateNumber: '43042120230001' },
      { name: '黄磊', certificateNumber: '43042120230002' },
    ],
    fields: { source: '案件来源', facts: '经查，……', evidence: '证据', statement: '本局于……经复核，' },
    legalBases: [],
    amountFen: null,
    rows: [],
    date: '2026-10-24',
  },
  needs: { statement: '请写明采纳情况' },
};

describe('the officer’s edits over the case’s draft', () => {
  it('keeps what the case filled, takes what the officer wrote, and records which fields were edited', () => {
    const merged = mergeDraft(
      draft,
      documentData.parse({ fields: { facts: '经查，当事人……（改写）', source: '案件来源' } }),
    );
    expect(merged.fields.facts).toBe('经查，当事人……（改写）');
    expect(merged.fields.evidence).toBe('证据');
    expect(merged.edited).toEqual(['facts']);
    expect(merged.parties).toEqual(draft.data.parties);
  });
});

describe('a document is not issued incomplete, too long, or misdated', () => {
  const problems = (fields: Record<string, string>, date = '2026-10-24', today = '2026-11-01') =>
    draftProblems(
      'penalty_decision',
      mergeDraft(draft, documentData.parse({ fields, date })),
      draft,
      null,
      today,
    );

  it('names each required field left empty, and a draft the officer had to complete', () => {
    const paths = problems({}).map((p) => p.path);
    expect(paths).toContain('body.data.fields.reasoning');
    expect(paths).toContain('body.data.fields.penalty');
    expect(paths).toContain('body.data.fields.statement');
    expect(paths).not.toContain('body.data.fields.publicity');
  });

  it('refuses a text longer than its field, never cutting it', () => {
    const long = problems({ source: '源'.repeat(4001) }).find((p) => p.path === 'body.data.fields.source');
    expect(long?.message).toContain('不能超过 4000 个字符');
  });

  it('refuses a date after today (a pre-signed document)', () => {
    expect(problems({}, '2026-11-02').some((p) => p.path === 'body.data.date')).toBe(true);
  });

  it('refuses officers without a certificate number and fewer than two on a written record', () => {
    const record = mergeDraft(
      null,
      documentData.parse({
        officers: [{ name: '张伟', certificateNumber: 'X' }],
        parties: draft.data.parties,
      }),
    );
    const found = draftProblems('on_site_record', record, null, null, '2026-11-01').map((p) => p.path);
    expect(found).toContain('body.data.officers');
  });
});
