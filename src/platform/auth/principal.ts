import type { Actor } from '../audit/command.ts';
import type { Role } from './roles.ts';

/** Who is asking: a signed-in person (or a token acting for one), with their roles in their agency. */
export interface Principal {
  accountId: string;
  personId: string;
  agencyId: string;
  username: string;
  name: string;
  roles: ReadonlySet<Role>;
  /** Agencies below the principal's own, readable with the supervisor role. */
  supervisedAgencyIds: ReadonlySet<string>;
  via: 'session' | 'token';
  /** For tokens, the scopes granted; null for sessions (all the person's roles apply). */
  scopes: readonly string[] | null;
  ip: string | null;
}

export const actorOf = (p: Principal): Actor => ({
  personId: p.personId,
  agencyId: p.agencyId,
  via: p.via,
  ip: p.ip,
});
