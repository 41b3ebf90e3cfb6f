import { api } from './client.ts';

/** The sign-in endpoints. The session itself is an httpOnly cookie; the CSRF token comes back here. */

export type SessionStage = 'full' | 'totp_enrolment';

export interface LoginInput {
  username: string;
  password: string;
  totp?: string;
}

export interface LoginResult {
  stage: SessionStage;
  csrfToken: string;
  expiresAt: string;
}

export interface Me {
  personId: string;
  accountId: string;
  username: string;
  name: string;
  agency: { id: string; name: string; shortName: string; kind: string };
  roles: string[];
  supervisedAgencyIds: string[];
  stage: SessionStage;
  csrfToken: string;
  totpEnabled: boolean;
  /** What the person may do in the own agency, `area.action` (src/policies.ts). */
  abilities: string[];
}

export interface TotpEnrolment {
  uri: string;
  /** A data: URL of a PNG. */
  qr: string;
  secret: string;
}

export const authApi = {
  login: (input: LoginInput) => api.post<LoginResult>('/api/v1/auth/login', input),
  logout: () => api.post<undefined>('/api/v1/auth/logout'),
  me: () => api.get<Me>('/api/v1/me'),
  startTotpEnrolment: () => api.post<TotpEnrolment>('/api/v1/auth/totp/enrolment'),
  confirmTotp: (code: string) => api.post<undefined>('/api/v1/auth/totp/confirm', { code }),
};
