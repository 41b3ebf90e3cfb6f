import type { Transaction } from 'kysely';
import type { Db } from '../platform/db/database.ts';
import type { DB } from '../platform/db/schema.ts';
import type { CaseRow } from './cases.store.ts';
import { deliberationRequired, type DeliberationReason } from './deliberation.rules.ts';

type Reader = Db | Transaction<DB>;

/**
 * Why the case's penalty decision must be deliberated collectively (deliberation.rules.ts), from the case
 * (hearing right computed at the notice, social impact) and the review catalogue's reasons of its latest
 * legal review (src/review/: the catalogue decides which cases are of 行政处罚法 §58), in the case's agency.
 */
export async function deliberationReasonsOf(db: Reader, kase: CaseRow): Promise<DeliberationReason[]> {
  if (kase.kind !== 'penalty_ordinary') return [];
  const review = await db
    .selectFrom('reviews')
    .select('major_reasons')
    .where('case_id', '=', kase.id)
    .where('agency_id', '=', kase.agency_id)
    .orderBy('round', 'desc')
    .limit(1)
    .executeTakeFirst();
  return deliberationRequired({
    hearingRight: kase.hearing_right,
    hearingGrounds: kase.hearing_right_grounds,
    reviewReasons: review?.major_reasons ?? [],
    socialImpact: kase.social_impact,
  });
}
