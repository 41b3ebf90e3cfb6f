import type { Db } from '../../platform/db/database.ts';
import type { DrawFile } from '../draw.rules.ts';
import { assignmentsOfDraw, certificateHolders } from '../draws.store.ts';

/** Who a published draw names: the drawn targets' names and addresses, the inspectors' names. */
export async function drawHolders(
  db: Db,
  draw: { id: string; agencyId: string },
  file: DrawFile,
): Promise<{ targets: Map<string, { name: string; address: string }>; inspectors: Map<string, string> }> {
  const scope = { agencyId: draw.agencyId, agencyIds: [draw.agencyId] };
  const assignments = await assignmentsOfDraw(db, scope, draw.id);
  const holders = await certificateHolders(
    db,
    scope,
    file.selection.flatMap((s) => s.inspectors),
  );
  return {
    targets: new Map(
      assignments.map((a) => [a.credit_code, { name: a.target_name, address: a.target_address }]),
    ),
    inspectors: new Map([...holders].map(([n, h]) => [n, h.name])),
  };
}
