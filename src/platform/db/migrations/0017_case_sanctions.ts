import { sql, type Kysely } from 'kysely';

/**
 * Sanctions as lists on the case (issue 13 items 3, 4, 6): the sanctions proposed in the notice
 * (行政处罚法 §44) and those decided, the hearing right computed at the notice with its grounds (§63;
 * 听证办法 §5), and the case's mark of social impact (§57 ¶2, §48). Nothing is dropped: the fine stays in
 * `proposed_amount_fen` / `amount_fen`; rows from before get the one fine they recorded as their list, and
 * no hearing right computed (null: notified before the rule).
 */
const statements = [
  `alter table cases add column proposed_sanctions jsonb not null default '[]'`,
  `alter table cases add column sanctions jsonb not null default '[]'`,
  `alter table cases add column hearing_right boolean`,
  `alter table cases add column hearing_right_grounds jsonb not null default '[]'`,
  `alter table cases add column social_impact boolean not null default false`,
  `update cases set proposed_sanctions = jsonb_build_array(jsonb_build_object('kind', 'fine', 'amountFen', proposed_amount_fen))
    where proposed_amount_fen > 0`,
  `update cases set sanctions = jsonb_build_array(jsonb_build_object('kind', 'fine', 'amountFen', amount_fen))
    where decision_outcome = 'penalty' and amount_fen > 0`,
  `update cases set sanctions = '[{"kind":"warning"}]'::jsonb where decision_outcome = 'warning'`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
