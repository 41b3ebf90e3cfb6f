import type { Me } from '../../api/auth.ts';
import { can } from '../../auth/abilities.ts';

/** Whether to show drafting and reviewing of the power list (src/powers/power-list.policy.ts decides). */
export const mayDraft = (me: Me | null, agencyId: string | undefined) =>
  !!agencyId && can(me, 'powers.draft', agencyId);

export const mayReview = (me: Me | null, agencyId: string | undefined) =>
  !!agencyId && can(me, 'powers.review', agencyId);
