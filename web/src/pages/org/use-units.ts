import { orgApi } from '../../api/org.ts';
import { useRequest } from '../../ui/use-request.ts';

/** An agency's units, as select options (units no longer in use are marked). */
export function useUnitOptions(agencyId: string | undefined) {
  const request = useRequest(async () => (agencyId ? (await orgApi.units(agencyId)).items : []), [agencyId]);
  const options = (request.data ?? []).map((u) => ({
    value: u.id,
    label: u.active ? u.name : `${u.name}（已停用）`,
  }));
  return { ...request, options };
}
