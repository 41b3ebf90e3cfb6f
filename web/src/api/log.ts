import { api } from './client.ts';

/** A full verification of the record log (the same checks as `sanxiang verify`), as the server recorded it. */
export interface VerifyRun {
  id: string;
  at: string;
  actorName: string | null;
  ok: boolean;
  size: number;
  pending: number;
  legacy: number;
  subjects: number;
  durationMs: number;
  problemCount: number;
  problems: { table: string; id: string; message: string }[];
}

export const logApi = {
  runs: () => api.get<{ items: VerifyRun[] }>('/api/v1/log/verify-runs'),
  verifyNow: () => api.post<VerifyRun>('/api/v1/log/verify-runs', {}),
};
