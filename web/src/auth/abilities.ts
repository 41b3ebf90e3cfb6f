import type { Me } from '../api/auth.ts';

/**
 * What the signed-in person may do, as the server says (issue 11 item 4; Outline's policy presenter).
 * `/api/v1/me` answers the abilities in the person's own agency (`cases.create`, `org.managePeople`, …) and
 * each resource its `can`, the actions on it. The workbench shows only those menus, buttons and forms; it
 * holds no copy of a role list, and the server still decides each request (a refusal names its reason).
 */
export function can(me: Me | null, ability: string, agencyId?: string): boolean {
  if (!me) return false;
  if (agencyId !== undefined && agencyId !== me.agency.id) return false;
  return me.abilities.includes(ability);
}

/** An action the server offered on a resource (`resource.can`). */
export const offers = (resource: { can?: readonly string[] } | null | undefined, action: string): boolean =>
  !!resource?.can?.includes(action);
