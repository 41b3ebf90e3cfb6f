import { describe, expect, it } from 'vitest';
import { specOf } from '../documents/document-types.ts';
import { penaltyOrdinary } from './lifecycles/penalty-ordinary.ts';
import { documentsOfStep } from './step-documents.rules.ts';

describe('the documents a penalty step issues are the ones its lifecycle names', () => {
  it.each(['file', 'not_file', 'conclude_investigation', 'notify', 'serve', 'close'])('%s', (step) => {
    const named = penaltyOrdinary.transitions
      .filter((t) => t.step === step)
      .flatMap((t) => t.documents ?? []);
    for (const type of documentsOfStep('penalty_ordinary', step)) {
      const title = specOf(type).title;
      // 「立案/不予立案审批表」 names both forms.
      const names = named.flatMap((n) =>
        n === '立案/不予立案审批表' ? ['立案审批表', '不予立案审批表'] : [n],
      );
      expect(names, `${step}: ${title}`).toContain(title);
    }
  });

  it('a decision issues the decision document of its outcome, and the penalty its summary for publication (公示规定 §4)', () => {
    expect(documentsOfStep('penalty_ordinary', 'decide', 'penalty')).toEqual([
      'penalty_decision',
      'penalty_info_summary',
    ]);
    expect(documentsOfStep('penalty_ordinary', 'decide', 'no_penalty')).toEqual(['no_penalty_decision']);
    expect(documentsOfStep('licensing', 'file')).toEqual([]);
  });
});
