import type { CaseDetail, PartyView } from '../../api/cases.ts';
import { orgApi } from '../../api/org.ts';
import { useRequest } from '../../ui/use-request.ts';

/** What a document says of the case's parties and officers: as the documents API takes them. */

export const partyOf = (p: PartyView) => {
  const optional = (v: string | null) => (v ? v : undefined);
  return p.type === 'person'
    ? {
        kind: 'person' as const,
        name: p.name,
        idNumber: optional(p.idNumber),
        address: optional(p.address),
        phone: optional(p.phone),
      }
    : {
        kind: 'organisation' as const,
        name: p.name,
        creditCode: optional(p.creditCode),
        legalRepresentative: optional(p.legalRepresentative),
        address: optional(p.address),
      };
};

/**
 * The case's officers who are not recused, each with the number of their valid enforcement certificate
 * (行政处罚法 §42: documents and records name the officers with their certificates); '' when none is found.
 */
export function useCaseOfficers(detail: CaseDetail) {
  const kase = detail.case;
  const certificates = useRequest(
    () => orgApi.certificates({ agencyId: kase.agencyId, status: 'valid', page: 1, pageSize: 200 }),
    [kase.agencyId],
  );
  const officers = detail.officers
    .filter((o) => !o.recusedAt)
    .map((o) => ({
      personId: o.personId,
      name: o.name,
      certificateNumber: certificates.data?.items.find((c) => c.personId === o.personId)?.number ?? '',
    }));
  return { officers, loading: certificates.loading, error: certificates.error };
}
