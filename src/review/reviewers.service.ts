import type { Transaction } from 'kysely';
import { runCommand, type CommandDeps } from '../platform/audit/command.ts';
import { authorize } from '../platform/auth/policy.ts';
import { actorOf, type Principal } from '../platform/auth/principal.ts';
import { ownAgency } from '../platform/db/agency-scope.ts';
import type { Db } from '../platform/db/database.ts';
import type { DB } from '../platform/db/schema.ts';
import { duplicateField } from '../platform/db/writes.ts';
import { AppError } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { reviewPolicy } from './review.policy.ts';
import type { ReviewerFacts } from './review.rules.ts';
import {
  activeReviewers,
  completedReviewCount,
  holdsLegalQualification,
  holdsReviewerRole,
  insertQualification,
  insertTraining,
  isPersonOfAgency,
  personWithUnit,
  qualificationsOf,
  reviewWorkloads,
  trainingsOf,
} from './reviewers.store.ts';
import type { z } from 'zod';
import type { qualificationInput, trainingInput } from './review.schema.ts';

/**
 * Reviewers (法制审核人员, S-11): their legal professional qualification (行政处罚法 §58 for a first-time
 * reviewer), training records, and workload. Qualifications and trainings are facts, written once.
 */

type Reader = Db | Transaction<DB>;

export const qualificationLabels = {
  legal_professional: '法律职业资格',
  lawyer: '律师执业证',
  other: '其他',
} as const;

/** What the review rules need to know about a would-be reviewer (review.rules.ts `reviewerRefusal`). */
export async function reviewerFacts(db: Reader, agencyId: string, personId: string): Promise<ReviewerFacts> {
  const own = ownAgency(agencyId);
  const person = await personWithUnit(db, own, personId);
  if (!person || !person.active) {
    throw new AppError('VALIDATION_FAILED', {
      errors: [{ path: 'body.reviewerId', message: '审核人员不是本机关的在职人员' }],
    });
  }
  const [role, completed, qualification] = await Promise.all([
    holdsReviewerRole(db, own, personId),
    completedReviewCount(db, own, personId),
    holdsLegalQualification(db, own, personId),
  ]);
  return {
    personId,
    inLegalUnit: person.unit_kind === 'legal' && role,
    completedReviews: completed,
    holdsLegalProfessionalQualification: qualification,
  };
}

async function personOfAgency(db: Db, agencyId: string, personId: string): Promise<void> {
  if (!(await isPersonOfAgency(db, ownAgency(agencyId), personId))) {
    throw new AppError('VALIDATION_FAILED', {
      errors: [{ path: 'body.personId', message: '不是本机关的人员' }],
    });
  }
}

export async function addQualification(
  deps: CommandDeps,
  principal: Principal,
  input: z.infer<typeof qualificationInput>,
) {
  const agencyId = principal.agencyId;
  authorize(principal, reviewPolicy.manageReviewers, agencyId);
  await personOfAgency(deps.db, agencyId, input.personId);
  return duplicateField(
    { reviewer_qualifications_person_id_kind_certificate_number_key: 'body.certificateNumber' },
    () =>
      runCommand(deps, actorOf(principal), async (ctx) => {
        const row = await insertQualification(ctx.trx, ownAgency(agencyId), {
          id: newId(),
          person_id: input.personId,
          kind: input.kind,
          certificate_number: input.certificateNumber,
          obtained_on: input.obtainedOn,
          recorded_by: ctx.actor.personId,
          recorded_at: ctx.now,
        });
        await ctx.record({
          kind: 'review.qualification_recorded',
          agencyId,
          subjectType: 'reviewer_qualification',
          subjectId: row.id,
          record: row,
        });
        return { id: row.id };
      }),
  );
}

export async function addTraining(
  deps: CommandDeps,
  principal: Principal,
  input: z.infer<typeof trainingInput>,
) {
  const agencyId = principal.agencyId;
  authorize(principal, reviewPolicy.manageReviewers, agencyId);
  await personOfAgency(deps.db, agencyId, input.personId);
  return runCommand(deps, actorOf(principal), async (ctx) => {
    const row = await insertTraining(ctx.trx, ownAgency(agencyId), {
      id: newId(),
      person_id: input.personId,
      title: input.title,
      organiser: input.organiser,
      held_on: input.heldOn,
      hours: input.hours,
      recorded_by: ctx.actor.personId,
      recorded_at: ctx.now,
    });
    await ctx.record({
      kind: 'review.training_recorded',
      agencyId,
      subjectType: 'reviewer_training',
      subjectId: row.id,
      record: row,
    });
    return { id: row.id };
  });
}

export interface ReviewerView {
  personId: string;
  name: string;
  unitName: string | null;
  inLegalUnit: boolean;
  qualifications: { kind: string; label: string; certificateNumber: string; obtainedOn: string }[];
  trainings: { title: string; organiser: string; heldOn: string; hours: number }[];
  trainingHours: number;
  completedReviews: number;
  /** Reviews assigned and not yet concluded. */
  openReviews: number;
  /** A first-time reviewer without the legal professional qualification may not review (§58). */
  mayReview: boolean;
}

/** The agency's reviewers (role 法制审核人员) with qualifications, training and workload (S-11). */
export async function listReviewers(deps: CommandDeps, principal: Principal): Promise<ReviewerView[]> {
  const agencyId = principal.agencyId;
  authorize(principal, reviewPolicy.read, agencyId);
  const own = ownAgency(agencyId);
  const people = await activeReviewers(deps.db, own);
  const ids = people.map((p) => p.id);
  if (ids.length === 0) return [];
  const [quals, trainings, counts] = await Promise.all([
    qualificationsOf(deps.db, own, ids),
    trainingsOf(deps.db, own, ids),
    reviewWorkloads(deps.db, own, ids),
  ]);
  return people.map((p) => {
    const q = quals.filter((x) => x.person_id === p.id);
    const t = trainings.filter((x) => x.person_id === p.id);
    const c = counts.find((x) => x.reviewer_id === p.id);
    const completedReviews = Number(c?.done ?? 0);
    return {
      personId: p.id,
      name: p.name,
      unitName: p.unit_name,
      inLegalUnit: p.unit_kind === 'legal',
      qualifications: q.map((x) => ({
        kind: x.kind,
        label: qualificationLabels[x.kind],
        certificateNumber: x.certificate_number,
        obtainedOn: x.obtained_on,
      })),
      trainings: t.map((x) => ({
        title: x.title,
        organiser: x.organiser,
        heldOn: x.held_on,
        hours: x.hours,
      })),
      trainingHours: t.reduce((n, x) => n + x.hours, 0),
      completedReviews,
      openReviews: Number(c?.open ?? 0),
      mayReview:
        p.unit_kind === 'legal' && (completedReviews > 0 || q.some((x) => x.kind === 'legal_professional')),
    };
  });
}
