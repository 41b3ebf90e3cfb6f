import { createContext, useContext } from 'react';
import type { ApiError } from '../api/client.ts';
import type { LoginResult, Me } from '../api/auth.ts';
import { can } from './abilities.ts';

export type SessionState =
  | { status: 'loading' }
  | { status: 'signed-out' }
  | { status: 'error'; error: ApiError }
  | { status: 'signed-in'; me: Me };

export interface Session {
  state: SessionState;
  /** The signed-in person, once `/me` answered. */
  me: Me | null;
  /** Asks `/me` again (after sign-in, after TOTP enrolment). */
  refresh: () => Promise<Me | null>;
  /** Takes a successful login answer: keeps its CSRF token, then loads `/me`. */
  signedIn: (result: LoginResult) => Promise<Me | null>;
  signOut: () => Promise<void>;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

/** Managers of an agency's organisation: its own (supervisors only read the agencies below). */
export function canManage(me: Me | null, agencyId: string | undefined): boolean {
  return !!agencyId && can(me, 'org.managePeople', agencyId);
}
