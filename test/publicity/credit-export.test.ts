import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cellText } from '../../src/platform/excel/cells.ts';
import { licensingColumns, penaltyColumns } from '../../src/publicity/credit-export.rules.ts';
import { databaseKinds } from '../databases.ts';
import { signIn, startHarness, type Client, type Harness } from '../harness.ts';

/** Reads a CSV written by credit-export.rules.ts csvText back into rows (RFC 4180). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  return rows;
}

async function sheetRows(payload: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(payload as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  const rows: string[][] = [];
  sheet.eachRow((r) => {
    const cells: string[] = [];
    for (let i = 1; i <= sheet.columnCount; i++) cells.push(cellText(r.getCell(i).value));
    rows.push(cells);
  });
  return rows;
}

describe.each(databaseKinds)('the 双公示 export of publications on %s', (kind) => {
  let h: Harness;
  let publisher: Client;
  let demo: {
    party_name: string;
    document_number: string;
    decided_on: string;
    period_ends_on: string | null;
    summary: string;
    personal_records: { naturalPersons: { name: string }[] };
    agency_name: string;
    credit_code: string;
  };
  beforeAll(async () => {
    h = await startHarness(kind);
    publisher = await signIn(h, 'zhaoli');
    // A demo penalty on a natural person, published with a fine, of the publisher's bureau.
    demo = await h.database.db
      .withoutPlugins()
      .selectFrom('publications as p')
      .innerJoin('agencies as a', 'a.id', 'p.agency_id')
      .innerJoin('accounts as u', 'u.agency_id', 'p.agency_id')
      .where('u.username', '=', 'zhaoli')
      .where('p.kind', '=', 'penalty')
      .where('p.party_kind', '=', 'natural_person')
      .where('p.status', '=', 'published')
      .select([
        'p.party_name',
        'p.document_number',
        'p.decided_on',
        'p.period_ends_on',
        'p.summary',
        'p.personal_records',
        'a.name as agency_name',
        'a.credit_code',
      ])
      .orderBy('p.decided_on', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
  });
  afterAll(() => h.close());

  const range = (d: string) => `decidedFrom=${d}&decidedTo=${d}`;

  it('writes the 行政处罚 sheet: the header of the standard, and a demo publication masked as on the portal', async () => {
    const res = await publisher.get(
      `/api/v1/publications/export/credit.xlsx?kind=penalty&${range(demo.decided_on)}`,
    );
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('双公示-行政处罚.xlsx'));
    const rows = await sheetRows(res.rawPayload);
    expect(rows[0]).toEqual([...penaltyColumns]);
    const row = rows.find((r) => r[penaltyColumns.indexOf('行政处罚决定书文号')] === demo.document_number);
    expect(row).toBeDefined();
    const at = (c: (typeof penaltyColumns)[number]) => row![penaltyColumns.indexOf(c)];
    expect(at('行政相对人名称')).toMatch(/^.{1,2}某某$/);
    expect(at('行政相对人名称')).toBe(demo.party_name);
    expect(at('行政相对人类别')).toBe('自然人');
    expect(at('统一社会信用代码')).toBe('');
    expect(at('违法事实')).toBe(demo.summary);
    expect(at('处罚决定日期')).toBe(demo.decided_on);
    expect(at('公示截止期')).toBe(demo.period_ends_on ?? '');
    expect(at('处罚机关')).toBe(demo.agency_name);
    expect(at('处罚机关统一社会信用代码')).toBe(demo.credit_code);
    // The full name of the internal records never leaves.
    const fullName = demo.personal_records.naturalPersons[0]?.name;
    if (fullName && fullName !== demo.party_name) expect(JSON.stringify(rows)).not.toContain(fullName);
    expect(rows.slice(1).every((r) => r[penaltyColumns.indexOf('处罚决定日期')] === demo.decided_on)).toBe(
      true,
    );
  });

  it('writes the same rows as CSV: UTF-8 with a BOM, RFC 4180', async () => {
    const [xlsx, csv] = await Promise.all([
      publisher.get(`/api/v1/publications/export/credit.xlsx?kind=penalty&${range(demo.decided_on)}`),
      publisher.get(`/api/v1/publications/export/credit.csv?kind=penalty&${range(demo.decided_on)}`),
    ]);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect([...csv.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(csv.rawPayload.toString('utf8').slice(1));
    expect(rows[0]).toEqual([...penaltyColumns]);
    expect(rows).toEqual(await sheetRows(xlsx.rawPayload));
  });

  it('writes the 行政许可 header, refuses an unknown kind, and asks for sign-in', async () => {
    const lic = await publisher.get('/api/v1/publications/export/credit.csv?kind=licensing');
    expect(lic.statusCode).toBe(200);
    expect(parseCsv(lic.rawPayload.toString('utf8').slice(1))[0]).toEqual([...licensingColumns]);
    expect((await publisher.get('/api/v1/publications/export/credit.csv?kind=fee')).statusCode).toBe(400);
    const anonymous = await h.app.inject({
      method: 'GET',
      url: '/api/v1/publications/export/credit.xlsx?kind=penalty',
    });
    expect(anonymous.statusCode).toBe(401);
  });
});
