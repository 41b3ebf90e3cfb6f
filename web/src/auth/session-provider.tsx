import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { authApi, type LoginResult, type Me } from '../api/auth.ts';
import { ApiError, setCsrfToken, setUnauthenticatedHandler } from '../api/client.ts';
import { SessionContext, type Session, type SessionState } from './session-context.ts';

/** Holds who is signed in. The session cookie is httpOnly: `/me` is the only way to know. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  const refresh = useCallback(async (): Promise<Me | null> => {
    try {
      const me = await authApi.me();
      setCsrfToken(me.csrfToken);
      setState({ status: 'signed-in', me });
      return me;
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      setCsrfToken(null);
      setState(error.status === 401 ? { status: 'signed-out' } : { status: 'error', error });
      return null;
    }
  }, []);

  const signedIn = useCallback(
    (result: LoginResult) => {
      setCsrfToken(result.csrfToken);
      return refresh();
    },
    [refresh],
  );

  const signOut = useCallback(async () => {
    try {
      await authApi.logout();
    } finally {
      setCsrfToken(null);
      setState({ status: 'signed-out' });
    }
  }, []);

  useEffect(() => {
    void refresh();
    setUnauthenticatedHandler(() => {
      setCsrfToken(null);
      setState({ status: 'signed-out' });
    });
    return () => setUnauthenticatedHandler(null);
  }, [refresh]);

  const session = useMemo<Session>(
    () => ({ state, me: state.status === 'signed-in' ? state.me : null, refresh, signedIn, signOut }),
    [state, refresh, signedIn, signOut],
  );
  return <SessionContext value={session}>{children}</SessionContext>;
}
