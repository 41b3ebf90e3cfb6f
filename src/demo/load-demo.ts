import { runCommand, systemActor, type CommandDeps } from '../platform/audit/command.ts';
import { hashPassword } from '../platform/auth/passwords.ts';
import { newId } from '../platform/ids.ts';
import { insertPerson } from '../org/people.service.ts';
import { DEMO_PASSWORD, demoAgencies } from './demo-data.ts';
import { loadDemoPowers } from './demo-powers.ts';
import { loadDemoServiceGuides } from './demo-service-guides.ts';
import { loadDemoCases } from './demo-cases.ts';
import { loadDemoReviews } from './demo-reviews.ts';
import { loadDemoInspections } from './demo-inspections.ts';
import { loadDemoPublications } from './demo-publications.ts';
import { loadDemoPenaltyCase, type DemoArchiving } from './demo-penalty-case.ts';
import type { BlobStore } from '../records/blob-store.ts';
import { ownAgency } from '../platform/db/agency-scope.ts';
import {
  anyAgency,
  insertAgencyRow,
  insertCertificateEventRow,
  insertUnitRow,
  suspendCertificateOf,
} from './demo.store.ts';

/**
 * What a demo instance holds: `default` is the bureau's instance (the bureau with its cases, powers and
 * publications, the county office above it and one other bureau beside it); `county` is the county
 * platform's (the supervision office alone, with its administrator and supervisor `jiandu`; the agencies
 * it supervises are registered and push to it: `sanxiang demo-county`, docs/county.md).
 */
export const demoProfiles = ['default', 'county'] as const;
export type DemoProfile = (typeof demoProfiles)[number];

/** The demo agencies a profile loads. */
export function demoAgenciesOf(profile: DemoProfile) {
  return profile === 'county' ? demoAgencies.filter((a) => a.key === 'office') : demoAgencies;
}

/**
 * Loads the demo into an empty database. Returns false if there was data already. With the blob store the
 * complete penalty case gets its photos (evidence files); without one it is loaded without them.
 */
export async function loadDemo(
  deps: CommandDeps,
  blobs?: BlobStore,
  /** With the record log's integrator, the complete penalty case is sealed, assembled and archived. */
  archiving?: DemoArchiving,
  profile: DemoProfile = 'default',
): Promise<boolean> {
  if (await anyAgency(deps.db)) return false;
  // One hash for every demo account keeps the first start fast; the demo password is public anyway.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await runCommand(deps, systemActor, async (ctx) => {
    const ids = new Map<string, string>();
    for (const a of demoAgenciesOf(profile)) {
      const id = newId();
      ids.set(a.key, id);
      const own = ownAgency(id);
      const row = await insertAgencyRow(ctx.trx, {
        id,
        name: a.name,
        short_name: a.shortName,
        credit_code: a.creditCode,
        region_code: a.regionCode,
        level: 'county',
        kind: a.kind,
        parent_id: a.parent ? (ids.get(a.parent) ?? null) : null,
        updated_at: ctx.now,
      });
      await ctx.record({
        kind: 'org.agency_created',
        agencyId: id,
        subjectType: 'agency',
        subjectId: id,
        record: row,
      });
      const unitIds = new Map<string, string>();
      for (const u of a.units) {
        const unitId = newId();
        unitIds.set(u.name, unitId);
        const unit = await insertUnitRow(ctx.trx, own, {
          id: unitId,
          agency_id: id,
          name: u.name,
          kind: u.kind,
          active: true,
          updated_at: ctx.now,
        });
        await ctx.record({
          kind: 'org.unit_created',
          agencyId: id,
          subjectType: 'unit',
          subjectId: unitId,
          record: unit,
        });
      }
      for (const p of a.people) {
        const personId = await insertPerson(
          ctx,
          id,
          {
            name: p.name,
            unitId: p.unit ? (unitIds.get(p.unit) ?? null) : null,
            post: p.post,
            phone: null,
            roles: p.roles,
            ...(p.username ? { account: { username: p.username, password: DEMO_PASSWORD } } : {}),
            certificates: p.certificate
              ? [{ ...p.certificate, issuer: '湖南省人民政府', examDate: '2023-11-18' }]
              : [],
          },
          passwordHash,
        );
        if (p.certificate?.status === 'suspended') {
          const certificateId = await suspendCertificateOf(ctx.trx, own, personId, ctx.now);
          const history = await insertCertificateEventRow(ctx.trx, own, {
            id: newId(),
            agency_id: id,
            certificate_id: certificateId,
            action: 'suspended',
            effective_on: '2026-09-01',
            reason: '涉嫌违纪，暂扣执法证接受调查（演示数据）',
            changes: JSON.stringify(['status']),
            actor_id: null,
            at: ctx.now,
          });
          await ctx.record({
            kind: 'org.certificate_suspended',
            agencyId: id,
            subjectType: 'certificate',
            subjectId: certificateId,
            record: { status: 'suspended', history: [history] },
          });
        }
      }
    }
  });
  if (profile === 'county') return true;
  await loadDemoPowers(deps);
  await loadDemoServiceGuides(deps);
  // The published decisions of past years first: the platform's numbering continues after theirs.
  await loadDemoPublications(deps);
  await loadDemoCases(deps);
  await loadDemoReviews(deps);
  await loadDemoPenaltyCase(deps, blobs, archiving);
  await loadDemoInspections(deps);
  return true;
}
