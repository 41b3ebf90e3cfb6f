import type { Agency } from '../../../../src/org/org.schema.ts';
import { orgApi } from '../../api/org.ts';
import { useRequest } from '../../ui/use-request.ts';

/** The agencies the signed-in person may read: their own and, for a supervisor, those below. */
export function useAgencies() {
  const request = useRequest(async () => (await orgApi.agencies()).items, []);
  const agencies: Agency[] = request.data ?? [];
  return { ...request, agencies };
}
