import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { contentHashOf, subjectIdOf } from '../../src/exchange/push-envelope.ts';
import { officerRecordOf, publicationWithdrawalOf } from '../../src/exchange/push-records.ts';
import { pushRecords, type PushRecordType } from '../../src/exchange/push.schema.ts';
import type { Person } from '../../src/org/org.schema.ts';
import type { Database, Db } from '../../src/platform/db/database.ts';
import type { PublicationDetail } from '../../src/publicity/publications.schema.ts';

/**
 * What the county platform holds after agencies pushed (docs/county-push.md): `county_agencies` rows and the
 * batches and records they sent, inserted as the ingest stores them (the ingest is issue 14 item 2's).
 * Every record's content is parsed with its type's push schema first — a fixture that is not valid under
 * the schema fails here, not in the portal.
 */

export interface FixtureAgency {
  id: string;
  remoteAgencyId: string;
  creditCode: string;
  name: string;
  origin: string;
}

interface Pending {
  type: PushRecordType;
  content: unknown;
  logIndex: number | null;
}

/** The records of one agency, in push order; `flush` stores them as one accepted batch. */
export class AgencyPush {
  readonly #pending: Pending[] = [];
  #sequence = 0;
  #logIndex = 0;
  constructor(
    private readonly db: Db,
    readonly agency: FixtureAgency,
  ) {}

  push<T extends PushRecordType>(type: T, content: z.input<(typeof pushRecords)[T]>): this {
    const parsed = pushRecords[type].parse(content);
    this.#pending.push({ type, content: parsed, logIndex: type === 'checkpoint' ? null : this.#logIndex++ });
    return this;
  }

  async flush(receivedAt = new Date('2026-11-27T08:00:00Z')): Promise<void> {
    if (this.#pending.length === 0) return;
    const first = this.#sequence + 1;
    const last = this.#sequence + this.#pending.length;
    const batchId = randomUUID();
    const db = this.db.withoutPlugins();
    await db
      .insertInto('county_batches')
      .values({
        id: batchId,
        county_agency_id: this.agency.id,
        first_sequence: first,
        last_sequence: last,
        body_sha256: contentHashOf({ first, last, agency: this.agency.id }),
        checkpoint: `${this.agency.origin}\n${last}\n${Buffer.alloc(32).toString('base64')}\n`,
        receipt: JSON.stringify({ format: 'sanxiang-push-receipt/v1' }),
        received_at: receivedAt,
      })
      .execute();
    await db
      .insertInto('county_records')
      .values(
        this.#pending.map((r, i) => ({
          county_agency_id: this.agency.id,
          sequence: first + i,
          type: r.type,
          subject_id: subjectIdOf(r.type, r.content as Record<string, unknown>),
          content: JSON.stringify(r.content),
          content_hash: contentHashOf(r.content),
          log_index: r.logIndex,
          batch_id: batchId,
          received_at: receivedAt,
        })),
      )
      .execute();
    this.#sequence = last;
    this.#pending.length = 0;
  }
}

/** A registered agency: its witnessed log and its `county_agencies` row. */
export async function registerFixtureAgency(
  db: Db,
  a: { name: string; creditCode: string; baseUrl: string; origin: string; remoteAgencyId?: string },
): Promise<FixtureAgency> {
  const raw = db.withoutPlugins();
  const known = await raw
    .selectFrom('witness_logs')
    .select('id')
    .where('origin', '=', a.origin)
    .executeTakeFirst();
  if (!known)
    await raw
      .insertInto('witness_logs')
      .values({
        id: randomUUID(),
        origin: a.origin,
        verifier_keys: JSON.stringify([`${a.origin}+00000000+AQ==`]),
        registered_by: null,
        registered_at: new Date('2026-11-01T00:00:00Z'),
      })
      .execute();
  const agency = {
    id: randomUUID(),
    remoteAgencyId: a.remoteAgencyId ?? randomUUID(),
    creditCode: a.creditCode,
    name: a.name,
    origin: a.origin,
  };
  await raw
    .insertInto('county_agencies')
    .values({
      id: agency.id,
      credit_code: a.creditCode,
      name: a.name,
      remote_agency_id: agency.remoteAgencyId,
      base_url: a.baseUrl,
      log_origin: a.origin,
      push_keys: JSON.stringify([{ vkey: `${a.origin}/push+00000000+AQ==` }]),
      registered_by: null,
      registered_at: new Date('2026-11-01T00:00:00Z'),
    })
    .execute();
  return agency;
}

export async function suspendFixtureAgency(db: Db, agency: FixtureAgency, reason: string): Promise<void> {
  await db
    .withoutPlugins()
    .insertInto('county_agency_events')
    .values({
      id: randomUUID(),
      county_agency_id: agency.id,
      kind: 'suspended',
      reason,
      push_keys: JSON.stringify(null),
      recorded_by: null,
      recorded_at: new Date('2026-11-20T00:00:00Z'),
    })
    .execute();
}

export const powerVersion = (
  agencyId: string,
  itemId: string,
  over: Partial<z.input<typeof pushRecords.power_list_version>> = {},
): z.input<typeof pushRecords.power_list_version> => ({
  id: randomUUID(),
  itemId,
  agencyId,
  code: 'CF-001',
  kind: 'penalty',
  version: 1,
  effectiveFrom: '2026-01-01',
  reason: '首次发布',
  withdrawn: false,
  name: '对生产经营不符合食品安全标准的食品的行政处罚',
  legalBases: [
    {
      law: '中华人民共和国食品安全法',
      article: '第一百二十四条',
      text: '违反本法规定，有下列情形之一……由县级以上人民政府食品安全监督管理部门没收违法所得……',
      inForceFrom: '2021-04-29',
      inForceTo: null,
      supersedes: null,
      lighter: false,
    },
  ],
  unitId: null,
  unitName: '执法大队',
  procedure: '立案、调查取证、告知、听证（依申请）、法制审核、决定、送达、执行',
  timeLimit: { days: 90, dayKind: 'calendar', note: '自立案之日起' },
  fees: '不收费',
  supervision: '县市场监督管理局法制股 0734-0000000',
  remedies: {
    reconsiderationBody: '衡阳县人民政府',
    reconsiderationDays: 60,
    court: '衡阳县人民法院',
    litigationMonths: 6,
  },
  randomInspection: null,
  benchmarks: [
    {
      circumstance: 'general',
      description: '货值金额不足一万元的',
      minFen: 5_000_000,
      maxFen: 10_000_000,
      measures: '没收违法所得',
    },
  ],
  ...over,
});

export const publication = (
  agencyId: string,
  id: string,
  over: Partial<z.input<typeof pushRecords.publication>> = {},
): z.input<typeof pushRecords.publication> => ({
  id,
  agencyId,
  unitId: null,
  caseId: null,
  kind: 'penalty',
  partyKind: 'organisation',
  partyName: '衡阳县某某食品有限公司',
  partyCreditCode: '91430421MA4L000001',
  documentNumber: '衡县市监罚〔2026〕12号',
  decidedOn: '2026-11-10',
  title: '衡阳县某某食品有限公司销售过期食品案',
  summary: '当事人销售超过保质期的食品，违反《食品安全法》第三十四条。',
  documentText: '行政处罚决定书\n当事人：衡阳县某某食品有限公司……',
  sanctions: [{ kind: 'warning' }, { kind: 'fine', amountFen: 500_000 }],
  publishedOn: '2026-11-12',
  periodEndsOn: '2029-11-12',
  verificationCode: 'SX-41-7K3QZD',
  ...over,
});

/** An officer as the organisation area's person view has them (the builder officerRecordOf takes that). */
export function officer(
  agencyId: string,
  id: string,
  over: Partial<Person> & { certificates?: Person['certificates'] } = {},
): z.input<typeof pushRecords.officer> {
  const person: Person = {
    id,
    agencyId,
    unitId: null,
    unitName: '执法大队',
    name: '张伟',
    post: '科员',
    phone: '13800000000',
    active: true,
    roles: ['officer'],
    username: 'zhangwei',
    certificates: [],
    ...over,
  };
  return officerRecordOf(person);
}

export function certificate(
  agencyId: string,
  personId: string,
  over: Partial<Person['certificates'][number]> = {},
): Person['certificates'][number] {
  return {
    id: randomUUID(),
    agencyId,
    personId,
    personName: '张伟',
    unitName: '执法大队',
    number: '43042100001',
    fields: ['food'],
    issuer: '湖南省人民政府',
    validFrom: '2025-01-01',
    validTo: '2030-12-31',
    examDate: null,
    status: 'valid',
    displayStatus: 'valid',
    ...over,
  };
}

/** A withdrawal, built from the publication as its area's detail view has it when withdrawn. */
export function withdrawal(p: z.input<typeof pushRecords.publication>, reason: string) {
  return publicationWithdrawalOf(
    {
      ...p,
      withdrawnAt: '2026-11-20T02:00:00.000Z',
      withdrawalReason: reason,
    } as unknown as PublicationDetail,
    '2026-11-18',
  );
}

export interface Seeded {
  market: FixtureAgency;
  urban: FixtureAgency;
  ids: Record<string, string>;
}

/**
 * Two agencies as the county holds them after two batches of the market bureau and one of the urban bureau
 * (suspended since): newer versions of the same subjects, a withdrawn item, an officer gone inactive, one
 * without a certificate, a withdrawn publication and one past its period.
 */
export async function seedTwoAgencies(database: Database): Promise<Seeded> {
  const db = database.db;
  const market = await registerFixtureAgency(db, {
    name: '衡阳县市场监督管理局',
    creditCode: '11430421MB1234567X',
    baseUrl: 'http://127.0.0.1:9/',
    origin: 'scjg.hyx.example.gov.cn/log',
  });
  const urban = await registerFixtureAgency(db, {
    name: '衡阳县城市管理和综合执法局',
    creditCode: '11430421MB7654321Y',
    baseUrl: 'http://127.0.0.1:9',
    origin: 'cgj.hyx.example.gov.cn/log',
  });
  const ids = Object.fromEntries(
    ['food', 'gone', 'licence', 'zhang', 'li', 'wang', 'pub', 'withdrawn', 'ended', 'urbanPub'].map((k) => [
      k,
      randomUUID(),
    ]),
  );
  const m = market.remoteAgencyId;
  const agencyDetails = (shortName: string) => ({
    id: m,
    name: '衡阳县市场监督管理局',
    shortName,
    creditCode: '11430421MB1234567X',
    regionCode: '430421',
    level: 'county' as const,
    kind: 'enforcement' as const,
    parentId: null,
  });
  const withdrawnPub = publication(m, ids.withdrawn!, {
    partyName: '衡阳县另一家商行',
    documentNumber: '衡县市监罚〔2026〕9号',
    title: '衡阳县另一家商行无证经营案',
    decidedOn: '2026-10-01',
  });
  const marketPush = new AgencyPush(db, market);
  await marketPush
    .push('agency', agencyDetails('县市监局'))
    .push('unit', { id: randomUUID(), agencyId: m, name: '执法大队', kind: 'brigade', active: true })
    .push('power_list_version', powerVersion(m, ids.food!))
    .push('power_list_version', powerVersion(m, ids.gone!, { code: 'CF-099', name: '对某已废止事项的处罚' }))
    .push('officer', officer(m, ids.zhang!, { certificates: [certificate(m, ids.zhang!)] }))
    .push(
      'officer',
      officer(m, ids.li!, {
        name: '李娜',
        certificates: [certificate(m, ids.li!, { number: '43042100002', personName: '李娜' })],
      }),
    )
    .push('officer', officer(m, ids.wang!, { name: '王强', certificates: [] }))
    .push('publication', publication(m, ids.pub!, { title: '（旧标题）' }))
    .push('publication', withdrawnPub)
    .push(
      'publication',
      publication(m, ids.ended!, {
        documentNumber: '衡县市监罚〔2023〕1号',
        decidedOn: '2023-05-01',
        periodEndsOn: '2026-05-01',
      }),
    )
    .flush();
  // A second batch: newer versions of the same subjects.
  await marketPush
    .push('agency', agencyDetails('市监局'))
    .push(
      'power_list_version',
      powerVersion(m, ids.food!, {
        version: 2,
        reason: '依据修订',
        effectiveFrom: '2026-06-01',
        timeLimit: { days: 60, dayKind: 'calendar', note: '' },
      }),
    )
    .push('power_list_version', powerVersion(m, ids.gone!, { code: 'CF-099', version: 2, withdrawn: true }))
    .push(
      'officer',
      officer(m, ids.li!, {
        name: '李娜',
        active: false,
        certificates: [certificate(m, ids.li!, { number: '43042100002', personName: '李娜' })],
      }),
    )
    .push(
      'officer',
      officer(m, ids.zhang!, {
        certificates: [
          certificate(m, ids.zhang!),
          certificate(m, ids.zhang!, {
            number: '43042100009',
            validFrom: '2020-01-01',
            validTo: '2025-12-31',
          }),
        ],
      }),
    )
    .push('publication', publication(m, ids.pub!))
    .push('publication_withdrawal', withdrawal(withdrawnPub, '该处罚决定已被复议机关撤销'))
    .flush();

  const u = urban.remoteAgencyId;
  await new AgencyPush(db, urban)
    .push(
      'power_list_version',
      powerVersion(u, ids.licence!, {
        code: 'XK-007',
        kind: 'licensing',
        name: '城市建筑垃圾处置核准',
        benchmarks: [],
      }),
    )
    .push(
      'publication',
      publication(u, ids.urbanPub!, {
        kind: 'licensing',
        partyName: '衡阳县某某渣土运输有限公司',
        partyCreditCode: '91430421MA4L000002',
        documentNumber: '衡县城管许〔2026〕3号',
        title: '城市建筑垃圾处置核准',
        decidedOn: '2026-11-20',
        sanctions: [],
      }),
    )
    .flush();
  await suspendFixtureAgency(db, urban, '推送密钥泄露，待更换');
  return { market, urban, ids };
}
