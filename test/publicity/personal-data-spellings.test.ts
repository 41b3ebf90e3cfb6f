import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../databases.ts';
import { signIn, startHarness, type Client, type Harness } from '../harness.ts';

/**
 * The security sweep's planted publication (reviews/security-sweep.md H4): personal data written the ways
 * people write it, which reached the page and the feeds. Masking finds every form, the guard refuses
 * what is left (浙江 §7 [local]; 个人信息保护法 §13; 政府信息公开条例 §15), and whatever is in a row
 * already published is masked on its way to the page, the list, the feeds and the screen.
 */
const ID_FULL_WIDTH = '４３０４２１１９７９０８１４７９１４';
const ID_SPACED = '430421 19790814 7914';
const MOBILE_FULL_WIDTH = '１３９ ３９２０ ０９６５';
const MOBILE_DOTTED = '139.3920.0965';
const ADDRESS_RECORDED = '衡阳县西渡镇建设路18号';
const ADDRESS_WRITTEN = '衡阳县西渡镇建设路十八号';
const NAME_SPACED = '欧阳 志远';

const planted = (n: number, autoMask: boolean) => ({
  kind: 'penalty',
  partyKind: 'natural_person',
  partyName: '欧阳志远',
  documentNumber: `衡县市监处罚〔2026〕P${n}号`,
  decidedOn: '2026-11-20',
  title: '欧阳志远销售过期食品案行政处罚决定书',
  summary: `当事人${NAME_SPACED}（手机 ${MOBILE_DOTTED}）销售超过保质期的食品，罚款 3000 元。`,
  documentText: [
    `当事人：${NAME_SPACED}，身份证号码${ID_FULL_WIDTH}（又记作 ${ID_SPACED}），`,
    `住址：${ADDRESS_WRITTEN}，联系电话 ${MOBILE_FULL_WIDTH}。`,
    '经查，当事人销售超过保质期的食品。决定：罚款人民币叁仟元。',
  ].join('\n'),
  sanctions: [{ kind: 'fine', amountFen: 300_000 }],
  personalRecords: { naturalPersons: [{ name: '欧阳志远', addresses: [ADDRESS_RECORDED] }] },
  autoMask,
});

/** Nothing of the planted data, in any of its spellings or as bare digits. */
function expectNoneOf(body: string): void {
  const plain = body.replace(/[\s.-]/g, '').normalize('NFKC');
  expect(plain).not.toContain('430421197908147914');
  expect(plain).not.toContain('13939200965');
  expect(plain).not.toContain('建设路18号');
  expect(body).not.toContain('建设路十八号');
  expect(plain).not.toContain('欧阳志远');
}

interface Problem {
  code: string;
  errors: { path: string; message: string }[];
}

describe.each(databaseKinds)('personal data in any spelling, on %s', (kind) => {
  let h: Harness;
  let officer: Client;
  let publisher: Client;

  beforeAll(async () => {
    h = await startHarness(kind);
    officer = await signIn(h, 'zhangwei');
    publisher = await signIn(h, 'zhaoli');
  });
  afterAll(() => h.close());

  const publicSurfaces = async (id: string) =>
    Promise.all(
      [
        `/publications/${id}`,
        '/publications?q=%E6%AC%A7%E9%98%B3',
        '/publications/feed.json',
        '/publications/feed.atom',
        '/screen',
      ].map(async (url) => [url, (await h.app.inject({ method: 'GET', url })).body] as const),
    );

  it('refuses to submit the unmasked text, naming each field, the document number too', async () => {
    const draft = await officer.send('POST', '/api/v1/publications', {
      ...planted(1, false),
      documentNumber: `衡县市监处罚〔2026〕P1号 ${MOBILE_DOTTED}`,
    });
    expect(draft.statusCode, draft.body).toBe(201);
    const id = draft.json<{ id: string }>().id;
    const refused = await officer.send('POST', `/api/v1/publications/${id}/submit`);
    expect(refused.statusCode).toBe(422);
    const problem = refused.json<Problem>();
    expect(problem.code).toBe('PUBLICATION_PERSONAL_DATA');
    const messages = problem.errors.map((e) => `${e.path} ${e.message}`);
    expect(messages).toEqual([
      'body.partyName 当事人第 1 行第 1 列起 4 个字符：自然人姓名未脱敏',
      'body.documentNumber 文号第 1 行第 17 列起 13 个字符：手机号码未脱敏',
      'body.title 标题第 1 行第 1 列起 4 个字符：自然人姓名未脱敏',
      'body.summary 摘要第 1 行第 4 列起 5 个字符：自然人姓名未脱敏',
      'body.summary 摘要第 1 行第 13 列起 13 个字符：手机号码未脱敏',
      'body.documentText 决定书正文第 1 行第 5 列起 5 个字符：自然人姓名未脱敏',
      'body.documentText 决定书正文第 1 行第 16 列起 18 个字符：身份证号码未脱敏',
      'body.documentText 决定书正文第 1 行第 39 列起 20 个字符：身份证号码未脱敏',
      'body.documentText 决定书正文第 2 行第 4 列起 12 个字符：住址未脱敏',
      'body.documentText 决定书正文第 2 行第 22 列起 13 个字符：手机号码未脱敏',
    ]);
  });

  it('masks every spelling in the draft, and publishes what holds none of it', async () => {
    const draft = await officer.send('POST', '/api/v1/publications', planted(2, true));
    expect(draft.statusCode, draft.body).toBe(201);
    const shown = draft.json<{ id: string; documentText: string; summary: string; guard: unknown[] }>();
    expect(shown.guard).toEqual([]);
    expect(shown.summary).toBe('当事人欧阳某某（手机 ＊＊＊）销售超过保质期的食品，罚款 3000 元。');
    expect(shown.documentText.split('\n').slice(0, 2)).toEqual([
      '当事人：欧阳某某，身份证号码＊＊＊（又记作 ＊＊＊），',
      '住址：＊＊＊，联系电话 ＊＊＊。',
    ]);
    expect((await officer.send('POST', `/api/v1/publications/${shown.id}/submit`)).statusCode).toBe(200);
    const approved = await publisher.send('POST', `/api/v1/publications/${shown.id}/approve`, {
      note: '同意',
    });
    expect(approved.statusCode, approved.body).toBe(200);
    for (const [url, body] of await publicSurfaces(shown.id)) {
      if (url !== '/screen') expect(body, url).toContain('欧阳某某');
      expectNoneOf(body);
    }
  });

  it('masks on the way out what a row published before the guard knew a spelling still holds', async () => {
    const draft = await officer.send('POST', '/api/v1/publications', planted(3, true));
    const id = draft.json<{ id: string }>().id;
    await officer.send('POST', `/api/v1/publications/${id}/submit`);
    await publisher.send('POST', `/api/v1/publications/${id}/approve`, { note: '同意' });
    // As an older version let it through: the raw texts in the published row.
    const raw = planted(3, false);
    await h.database.db
      .withoutPlugins()
      .updateTable('publications')
      .set({
        title: `${raw.title}（${MOBILE_DOTTED}）`,
        summary: raw.summary,
        document_text: raw.documentText,
      })
      .where('id', '=', id)
      .execute();
    for (const [url, body] of await publicSurfaces(id)) {
      expect(body, url).toContain('＊＊＊');
      expectNoneOf(body);
    }
  });

  it('refuses a withdrawal reason that holds personal data, naming the field', async () => {
    const draft = await officer.send('POST', '/api/v1/publications', planted(4, true));
    const id = draft.json<{ id: string }>().id;
    await officer.send('POST', `/api/v1/publications/${id}/submit`);
    await publisher.send('POST', `/api/v1/publications/${id}/approve`, { note: '同意' });
    const refused = await publisher.send('POST', `/api/v1/publications/${id}/withdraw`, {
      reason: `当事人${NAME_SPACED}申请复议，经复议撤销`,
      occurredOn: '2026-11-27',
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json<Problem>().errors).toEqual([
      { path: 'body.reason', message: '撤回理由第 1 行第 4 列起 5 个字符：自然人姓名未脱敏' },
    ]);
  });
});
