import type { Me } from '../../api/auth.ts';

/** Mirrors src/powers/power-list.policy.ts for showing buttons; the server decides. */
const drafters = ['administrator', 'reviewer', 'unit_head', 'agency_head', 'publisher'];

export const mayDraft = (me: Me | null, agencyId: string | undefined) =>
  !!me && me.agency.id === agencyId && me.roles.some((r) => drafters.includes(r));

export const mayReview = (me: Me | null, agencyId: string | undefined) =>
  !!me && me.agency.id === agencyId && me.roles.includes('publisher');
