import { describe, expect, it } from 'vitest';
import { estimateDocxPages, inPrescribedOrder, paginate } from './case-file.rules.ts';

describe('case file order and pages', () => {
  it('orders cover, index, documents, evidence list, notes sheet, then the evidence files', () => {
    const items = [
      { section: 'notes' as const, name: 'n' },
      { section: 'document' as const, name: 'd1' },
      { section: 'evidence' as const, name: 'e' },
      { section: 'cover' as const, name: 'c' },
      { section: 'document' as const, name: 'd2' },
      { section: 'evidence_list' as const, name: 'l' },
      { section: 'index' as const, name: 'i' },
    ];
    expect(inPrescribedOrder(items).map((i) => i.name)).toEqual(['c', 'i', 'd1', 'd2', 'l', 'n', 'e']);
  });

  it('numbers pages from the first document; cover, index and media carry none', () => {
    const paged = paginate([
      { section: 'cover' as const, pages: 1 },
      { section: 'index' as const, pages: 1 },
      { section: 'document' as const, pages: 2 },
      { section: 'document' as const, pages: 1 },
      { section: 'evidence_list' as const, pages: 1 },
      { section: 'notes' as const, pages: 1 },
      { section: 'evidence' as const, pages: 0 },
    ]);
    expect(paged.map((p) => p.range)).toEqual([
      null,
      null,
      { from: 1, to: 2 },
      { from: 3, to: 3 },
      { from: 4, to: 4 },
      { from: 5, to: 5 },
      null,
    ]);
  });

  it('counts hard page breaks and long bodies', () => {
    expect(estimateDocxPages('<w:body><w:p><w:r><w:t>短</w:t></w:r></w:p></w:body>')).toBe(1);
    expect(estimateDocxPages('<w:p><w:r><w:br w:type="page"/></w:r></w:p><w:p/>')).toBe(2);
    expect(estimateDocxPages(`<w:t>${'字'.repeat(2500)}</w:t>`)).toBe(3);
  });
});
