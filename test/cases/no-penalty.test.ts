import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../databases.ts';
import { auditCount, startHarness, type Client, type Harness } from '../harness.ts';
import { caseClients, create, decision, itemId, passReview, step, type CaseBody } from './cases-harness.ts';

/**
 * 行政处罚法 §33 over HTTP: a decision not to punish names its legal ground, records the education given
 * (§33 ¶3), and may rely on the agency's 免罚清单 only where the item lists the circumstance 不予处罚.
 */
describe.each(databaseKinds)('not punishing (行政处罚法 §33) on %s', (kind) => {
  let h: Harness;
  let huanglei: Client;
  let juzhang: Client;
  let wangzg: Client;
  let officers: string[];

  beforeAll(async () => {
    h = await startHarness(kind);
    ({ huanglei, juzhang, wangzg, officers } = await caseClients(h));
  });
  afterAll(() => h.close());

  /** An ordinary case of `code` taken to the notice, ready for its decision. */
  async function notifiedCase(code: string): Promise<string> {
    const created = await create(huanglei, {
      kind: 'penalty_ordinary',
      title: '涉嫌经营标签不符合规定的食品',
      itemId: await itemId(h, code),
      field: 'food',
      source: '日常检查',
      discoveredOn: '2026-10-08',
      parties: [
        {
          type: 'organisation',
          name: '衡阳县某某便利店',
          creditCode: null,
          legalRepresentative: '周某',
          phone: null,
          address: null,
        },
      ],
      officerIds: officers,
    });
    const id = created.case.id;
    await step(juzhang, id, 'file', { on: '2026-10-09' });
    await step(huanglei, id, 'investigate', { on: '2026-10-12', place: '衡阳县西渡镇' });
    await step(huanglei, id, 'conclude_investigation', { on: '2026-10-16' });
    await passReview(h, huanglei, wangzg, id, '2026-10-16', {
      facts: '当事人经营的预包装食品标签存在瑕疵，不影响食品安全，已当场改正。',
      summary: '不予行政处罚，责令改正',
      measures: [],
      amountFen: 0,
      confiscationFen: 0,
      circumstance: 'exempt',
      legalBases: [{ law: '中华人民共和国食品安全法', article: '第一百二十五条' }],
      actEndedOn: '2026-10-08',
      placeRegionCode: '430421',
    });
    // The notice proposes no penalty: an empty list of sanctions
    await step(huanglei, id, 'notify', { on: '2026-10-20', proposedSanctions: [], rightsWaived: true });
    return id;
  }

  it('refuses a decision not to punish without its ground and the education given, changing nothing', async () => {
    const id = await notifiedCase('CF-003');
    const before = await auditCount(h);
    const res = await decision(
      juzhang,
      id,
      { on: '2026-10-21', outcome: 'no_penalty', circumstance: 'exempt', reason: '标签瑕疵，已改正' },
      400,
    );
    const errors = res.json<{ errors: { path: string; message: string }[] }>().errors;
    expect(errors.map((e) => e.path)).toEqual(['body.noPenaltyGround', 'body.education']);
    expect(errors[1]!.message).toContain('§33 第三款');
    expect(await auditCount(h)).toBe(before);
    const ok = await decision(juzhang, id, {
      on: '2026-10-21',
      outcome: 'no_penalty',
      circumstance: 'exempt',
      reason: '标签瑕疵不影响食品安全，不会对消费者造成误导，已及时改正',
      noPenaltyGround: 'listed',
      education: '向当事人宣讲食品安全法关于标签的规定，当事人签字确认',
    });
    expect(ok.json<CaseBody>().case.state).toBe('decided');
    const event = await h.database.db
      .withoutPlugins()
      .selectFrom('case_events')
      .select('details')
      .where('case_id', '=', id)
      .where('step', '=', 'decide')
      .executeTakeFirstOrThrow();
    expect(event.details).toMatchObject({
      outcome: 'no_penalty',
      noPenaltyGround: 'listed',
      education: '向当事人宣讲食品安全法关于标签的规定，当事人签字确认',
    });
  });

  it('refuses the 免罚清单 ground for an item that lists no circumstance 不予处罚', async () => {
    const id = await notifiedCase('CF-001');
    const res = await decision(
      juzhang,
      id,
      {
        on: '2026-10-21',
        outcome: 'no_penalty',
        reason: '违法行为轻微',
        noPenaltyGround: 'listed',
        education: '当场教育',
      },
      400,
    );
    const errors = res.json<{ errors: { path: string; message: string }[] }>().errors;
    expect(errors.map((e) => e.path)).toEqual(['body.noPenaltyGround']);
    expect(errors[0]!.message).toContain('不予行政处罚清单');
  });
});
