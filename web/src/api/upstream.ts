import { api } from './client.ts';

/** The agency's side of the county push (src/exchange/upstream/upstream.schema.ts). */
const v1 = '/api/v1/upstream';

export interface PairingInfo {
  creditCode: string;
  name: string;
  agencyId: string;
  baseUrl: string | null;
  logOrigin: string;
  logVerifierKeys: string[];
  pushVerifierKey: string;
}

export interface Upstream {
  id: string;
  url: string;
  witnessKey: string;
  receiptKey: string;
  pairedAt: string;
}

export interface Rejection {
  id: string;
  sequence: number;
  type: string | null;
  subjectId: string | null;
  code: string;
  reason: string;
  rejectedAt: string;
  resolved: boolean;
}

export interface UpstreamStatus {
  agencyId: string;
  agencyName: string;
  paired: boolean;
  upstream: Upstream | null;
  queued: number;
  waiting: number;
  acknowledgedUpTo: number;
  lastSequence: number | null;
  rejected: number;
  lastRejection: Rejection | null;
  lastDelivery: {
    attemptedAt: string;
    firstSequence: number;
    lastSequence: number;
    outcome: 'acknowledged' | 'refused' | 'failed';
    httpStatus: number | null;
    code: string | null;
    error: string | null;
  } | null;
}

export interface PairInput {
  url: string;
  witnessKey: string;
  receiptKey: string;
}

export const upstreamApi = {
  status: () => api.get<UpstreamStatus>(`${v1}/status`),
  rejections: () => api.get<{ items: Rejection[] }>(`${v1}/rejections`),
  pairingInfo: () => api.get<PairingInfo>(`${v1}/pairing-info`),
  pair: (input: PairInput) => api.put<{ first: boolean; queued: number }>(v1, input),
  rejectionsExport: `${v1}/rejections/export.xlsx`,
};
