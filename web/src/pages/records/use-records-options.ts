import { useMemo } from 'react';
import { orgApi } from '../../api/org.ts';
import { recordsApi } from '../../api/records.ts';
import { useRequest } from '../../ui/use-request.ts';

/** An agency's people as select options, and their names by id (officers on a file are stored by id). */
export function usePeopleOptions(agencyId: string | undefined) {
  const request = useRequest(
    async () => (agencyId ? (await orgApi.people({ agencyId, page: 1, pageSize: 200 })).items : []),
    [agencyId],
  );
  return useMemo(() => {
    const people = request.data ?? [];
    const officers = people.filter((p) => p.active && p.roles.includes('officer'));
    return {
      officerOptions: officers.map((p) => ({ value: p.id, label: `${p.name}（${p.unitName ?? p.post}）` })),
      nameOf: (id: string) => people.find((p) => p.id === id)?.name ?? id.slice(-8),
    };
  }, [request.data]);
}

/** An agency's AV devices as select options, and their serials by id. */
export function useRecorderOptions(agencyId: string | undefined) {
  const request = useRequest(
    async () => (agencyId ? (await recordsApi.recorders({ agencyId, page: 1, pageSize: 200 })).items : []),
    [agencyId],
  );
  return useMemo(() => {
    const recorders = request.data ?? [];
    return {
      recorderOptions: recorders
        .filter((r) => r.status === 'in_service')
        .map((r) => ({
          value: r.id,
          label: `${r.serial}（${r.model}${r.holder ? `，${r.holder.officerName} 领用中` : ''}）`,
        })),
      serialOf: (id: string) => recorders.find((r) => r.id === id)?.serial ?? id.slice(-8),
    };
  }, [request.data]);
}

/** The agency's AV checklist items (its own, or the defaults). */
export function useChecklistItems(agencyId: string | undefined) {
  const request = useRequest(
    async () => (agencyId ? (await recordsApi.checklist(agencyId)).items : undefined),
    [agencyId],
  );
  return request.data;
}
