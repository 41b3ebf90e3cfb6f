import { casesPolicy } from './cases/cases.policy.ts';
import { documentsPolicy } from './documents/documents.policy.ts';
import { inspectionsPolicy } from './inspections/inspections.policy.ts';
import { orgPolicy } from './org/org.policy.ts';
import { actionsOn, type Policy } from './platform/auth/policy.ts';
import { calendarPolicy } from './platform/calendar/calendar.service.ts';
import { verifyRunPolicy } from './platform/record-log/verify-runs.service.ts';
import type { Principal } from './platform/auth/principal.ts';
import { powersPolicy } from './powers/power-list.policy.ts';
import { publicationsPolicy } from './publicity/publications.policy.ts';
import { recordsPolicy } from './records/records.policy.ts';
import { reviewPolicy } from './review/review.policy.ts';
import { upstreamPolicy } from './exchange/upstream/upstream.policy.ts';

/**
 * Every area's policy by area name (issue 11 item 4). `/api/v1/me` answers with the abilities of the
 * principal in its own agency, named `area.action` (`cases.create`, `publications.configure`, …), and each
 * resource with `can`, the actions on it: the workbench shows only what the user may do and holds no copy
 * of a role list (web/src/auth/abilities.ts).
 */
export const policies = {
  org: orgPolicy,
  powers: powersPolicy,
  cases: casesPolicy,
  documents: documentsPolicy,
  records: recordsPolicy,
  review: reviewPolicy,
  publications: publicationsPolicy,
  log: verifyRunPolicy,
  calendar: calendarPolicy,
  upstream: upstreamPolicy,
  inspections: inspectionsPolicy,
} satisfies Record<string, Policy<string>>;

type Policies = typeof policies;
export type Ability = {
  [K in keyof Policies]: `${K}.${Extract<keyof Policies[K], string>}`;
}[keyof Policies];

/** The abilities of the principal in the agency (its own unless named), sorted. */
export function abilitiesOf(principal: Principal, agencyId: string = principal.agencyId): Ability[] {
  const out: string[] = [];
  for (const [area, policy] of Object.entries(policies) as [string, Policy<string>][]) {
    for (const action of actionsOn(principal, policy, agencyId)) out.push(`${area}.${action}`);
  }
  return (out as Ability[]).sort();
}
