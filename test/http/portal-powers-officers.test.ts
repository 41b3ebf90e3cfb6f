import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../databases.ts';
import { startHarness, type Harness } from '../harness.ts';

/** The portal's power list and officers in public (issue 4 items 2 and 7): HTML pages, no sign-in. */
describe.each(databaseKinds)('portal power list and officers on %s', (kind) => {
  let h: Harness;
  let bureauId: string;
  const phone = '13912345678';

  beforeAll(async () => {
    h = await startHarness(kind);
    const agencies = await h.database.db
      .withoutPlugins()
      .selectFrom('agencies')
      .select(['id', 'name'])
      .execute();
    bureauId = agencies.find((a) => a.name === '衡阳县市场监督管理局')!.id;
    // A phone in the internal record, which the public pages must never show.
    await h.database.db
      .withoutPlugins()
      .updateTable('people')
      .set({ phone })
      .where('name', '=', '张伟')
      .execute();
  });
  afterAll(() => h.close());

  const certNumber = async (name: string) =>
    (
      await h.database.db
        .withoutPlugins()
        .selectFrom('certificates')
        .innerJoin('people', 'people.id', 'certificates.person_id')
        .select('certificates.number')
        .where('people.name', '=', name)
        .executeTakeFirstOrThrow()
    ).number;

  it('lists the power list in force, and search and kind narrow it', async () => {
    const all = await h.app.inject({ url: `/agencies/${bureauId}/powers` });
    expect(all.statusCode).toBe(200);
    expect(all.headers['content-type']).toContain('text/html');
    expect(all.body).toContain('<caption>');
    expect(all.body).toContain('<th scope="col">法律依据</th>');
    expect(all.body).toContain('<label for="q">');
    const rows = (body: string) => body.match(/<tr>/g)!.length - 1;
    const total = rows(all.body);
    expect(total).toBeGreaterThanOrEqual(30);
    const name = /<th scope="row"><a href="\/agencies\/[^/]+\/powers\/([0-9a-f-]+)">([^<]+)<\/a>/.exec(
      all.body,
    )!;
    const searched = await h.app.inject({
      url: `/agencies/${bureauId}/powers?q=${encodeURIComponent(name[2]!)}`,
    });
    expect(searched.statusCode).toBe(200);
    expect(searched.body).toContain(name[2]);
    expect(rows(searched.body)).toBeLessThan(total);
    const penalties = await h.app.inject({ url: `/agencies/${bureauId}/powers?kind=penalty` });
    expect(rows(penalties.body)).toBeLessThan(total);
    expect(penalties.body).not.toMatch(/<td>行政许可<\/td>/);

    const weird = await h.app.inject({
      url: `/agencies/${bureauId}/powers?q=${encodeURIComponent(`<script>%_'"` + 'x'.repeat(500))}&kind=nope`,
    });
    expect(weird.statusCode).toBe(200);
    expect(weird.body).not.toContain('<script>%');
    expect(weird.body).not.toContain('x'.repeat(51));
    expect(weird.body).toContain('没有符合条件的事项');

    const item = await h.app.inject({ url: `/agencies/${bureauId}/powers/${name[1]}` });
    expect(item.statusCode).toBe(200);
    expect(item.body).toContain(`<h1>${name[2]}</h1>`);
    expect(item.body).toContain('法律依据');
    expect(item.body).toContain('办理流程');
    expect(item.body).toContain('救济途径');
    expect(item.body).toContain('监督渠道');
  });

  it('answers 404 in Chinese for unknown agencies, items and certificates', async () => {
    for (const url of [
      '/agencies/not-an-id/powers',
      `/agencies/${bureauId}/powers/00000000-0000-4000-8000-000000000000`,
      '/agencies/00000000-0000-4000-8000-000000000000/officers',
      '/certificates/99999999999999',
      '/certificates/%3Cb%3E/card',
    ]) {
      const res = await h.app.inject({ url });
      expect(res.statusCode, url).toBe(404);
      expect(res.body).toContain(url.startsWith('/certificates/') ? '未查到该执法证' : '页面不存在');
    }
  });

  it('links the sections from the agency page and the navigation', async () => {
    const agency = await h.app.inject({ url: `/agencies/${bureauId}` });
    expect(agency.body).toContain(`href="/agencies/${bureauId}/powers"`);
    expect(agency.body).toContain(`href="/agencies/${bureauId}/officers"`);
    expect(agency.body).toContain('href="/powers"');
    expect(agency.body).toContain('href="/officers"');
    expect((await h.app.inject({ url: '/powers' })).body).toContain(`href="/agencies/${bureauId}/powers"`);
    const officers = await h.app.inject({ url: '/officers' });
    expect(officers.body).toContain('<label for="number">');
    const lookup = await h.app.inject({ url: `/certificates?number=${await certNumber('张伟')}` });
    expect(lookup.statusCode).toBe(303);
    expect(lookup.headers.location).toBe(`/certificates/${await certNumber('张伟')}`);
  });

  it('lists certified officers by unit with only their public facts', async () => {
    const res = await h.app.inject({ url: `/agencies/${bureauId}/officers` });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h2 id="unit-0">');
    expect(res.body).toContain('<th scope="row">张伟</th>');
    expect(res.body).toContain(await certNumber('张伟'));
    expect(res.body).toContain('食品安全');
    expect(res.body).not.toContain(phone);
    expect(res.body).not.toContain('孙浩'); // no certificate
    expect(res.body).not.toContain('zhangwei');
    const page = await h.app.inject({ url: `/certificates/${await certNumber('张伟')}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('有效');
    expect(page.body).toContain('result ok');
    expect(page.body).not.toContain(phone);
  });

  it('shows the suspended and the expired certificate as not valid today', async () => {
    const suspended = await h.app.inject({ url: `/certificates/${await certNumber('冯雪')}` });
    expect(suspended.statusCode).toBe(200);
    expect(suspended.body).toContain('冯雪');
    expect(suspended.body).toContain('不在有效状态');
    expect(suspended.body).toContain('已暂扣');
    expect(suspended.body).toContain('result bad');
    const expired = await h.app.inject({ url: `/certificates/${await certNumber('郑凯')}` });
    expect(expired.body).toContain('不在有效状态');
    expect(expired.body).toContain('已过期');
  });

  it('prints an officer card with a QR code to the status page', async () => {
    const number = await certNumber('张伟');
    const card = await h.app.inject({
      url: `/certificates/${number}/card`,
      headers: { host: 'gs.example.cn' },
    });
    expect(card.statusCode).toBe(200);
    expect(card.body).toMatch(/<svg[^>]*>[\s\S]*<path/);
    expect(card.body).toContain(`http://gs.example.cn/certificates/${number}`);
    expect(card.body).toContain('@media print');
    expect(card.body).not.toContain(phone);
    expect(card.body).not.toContain('<script');
  });
});
