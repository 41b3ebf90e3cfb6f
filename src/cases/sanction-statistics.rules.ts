import { partyClassOf, type PartyClass } from '../review/catalogue.rules.ts';
import { sanctionKindLabels, sanctionKinds, type SanctionKind } from './hearing-right.rules.ts';
import type { PartyType } from './party.rules.ts';
import type { CaseSanction } from './sanctions.rules.ts';

/**
 * The penalties decided in a period, by the kinds of 行政处罚法 §9 (issue 12 item 3: the sanctions drive the
 * statistics). What the county's 行政执法统计年报 asks an agency for: how many decisions, of which kinds, how
 * much was fined and confiscated, on whom (公民 / 法人或者其他组织). A case decided with several kinds (并处)
 * counts once under each of them and once in the total. Pure.
 */

export interface DecidedPenalty {
  /** The decision's outcome (cases.schema.ts decisionOutcomes): penalty, warning or no_penalty. */
  outcome: string;
  sanctions: readonly CaseSanction[];
  partyType: PartyType;
}

export interface KindRow {
  kind: SanctionKind;
  label: string;
  /** Decisions naming the kind. */
  cases: number;
  /** For a fine or a confiscation, the amounts summed in fen; null for other kinds. */
  amountFen: number | null;
  byParty: Record<PartyClass, number>;
}

export interface SanctionStatistics {
  /** Decisions to penalise (行政处罚决定). */
  decisions: number;
  /** Decisions not to penalise (不予行政处罚决定, 行政处罚法 §33). */
  noPenalty: number;
  /** Decisions with more than one kind (并处). */
  combined: number;
  byParty: Record<PartyClass, number>;
  /** Every kind of §9 in the law's order, those not decided with 0. */
  kinds: KindRow[];
}

const amountKinds: ReadonlySet<SanctionKind> = new Set(['fine', 'confiscation']);

export function sanctionStatistics(decided: readonly DecidedPenalty[]): SanctionStatistics {
  const rows = new Map<SanctionKind, KindRow>(
    sanctionKinds.map((kind) => [
      kind,
      {
        kind,
        label: sanctionKindLabels[kind],
        cases: 0,
        amountFen: amountKinds.has(kind) ? 0 : null,
        byParty: { person: 0, organisation: 0 },
      },
    ]),
  );
  const stats: SanctionStatistics = {
    decisions: 0,
    noPenalty: 0,
    combined: 0,
    byParty: { person: 0, organisation: 0 },
    kinds: [],
  };
  for (const d of decided) {
    if (d.outcome === 'no_penalty') {
      stats.noPenalty++;
      continue;
    }
    // A warning decided before lists were kept carries no list: it is one 警告.
    const list: readonly CaseSanction[] =
      d.sanctions.length > 0 ? d.sanctions : d.outcome === 'warning' ? [{ kind: 'warning' }] : [];
    const party = partyClassOf(d.partyType);
    stats.decisions++;
    stats.byParty[party]++;
    const kinds = new Set(list.map((s) => s.kind));
    if (kinds.size > 1) stats.combined++;
    for (const kind of kinds) {
      const row = rows.get(kind)!;
      row.cases++;
      row.byParty[party]++;
    }
    for (const s of list) {
      const row = rows.get(s.kind)!;
      if (row.amountFen !== null) row.amountFen += s.amountFen ?? 0;
    }
  }
  stats.kinds = [...rows.values()];
  return stats;
}
