import { decisionDocuments } from './decision-documents.rules.ts';
import { passingStatuses } from './review.rules.ts';

/**
 * The gate's backstops in the database (S-14, 行政处罚法 §58), generated from the lists the code uses: the
 * decision document types and what each needs (decision-documents.rules.ts), the statuses of a passed
 * review (review.rules.ts). Whatever path writes them, a decision document names a case of its own agency
 * and is numbered only as the gate would let it; a publication of a case names a case of its own agency
 * and is drafted only once the case is decided or its review passed. The services refuse first (409
 * REVIEW_REQUIRED, the refusal recorded); these hold when something else tries.
 *
 * A migration holds the text as generated when it was written (migrations are never edited), and
 * test/review/backstops.test.ts checks that the functions a fresh database has are what this generates
 * now: a change of the lists without a new migration (with the new text) fails it.
 *
 * What the database can check of the catalogue: the ordinary decisions (`always`) are numbered only once
 * decided or reviewed, as under the default catalogue; a summary decision (`when_major`) needs its review
 * only when the case is marked major — by the cases area (`cases.major`) or by the major reasons its review
 * recorded when the catalogue classified it.
 */

export interface BackstopFunction {
  name: string;
  /** Arguments, result and language, as `create function name…` takes them. */
  signature: string;
  /** The body (pg_proc.prosrc). */
  body: string;
}

const list = (values: Iterable<string>) => [...values].map((v) => `'${v.replace(/'/g, "''")}'`).join(',');

const typesNeeding = (need: 'always' | 'when_major') =>
  Object.entries(decisionDocuments)
    .filter(([, n]) => n === need)
    .map(([type]) => type);

const UUID_RE = `'^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'`;

/** The backstop functions as the lists say now. */
export function backstopFunctions(): BackstopFunction[] {
  const always = typesNeeding('always');
  const whenMajor = typesNeeding('when_major');
  const summaryCheck =
    whenMajor.length === 0
      ? ''
      : `
      if new.type in (${list(whenMajor)})
         and (exists (select 1 from cases where id = new.subject_id::uuid and agency_id = new.agency_id and major)
              or exists (select 1 from reviews where case_id = new.subject_id::uuid and agency_id = new.agency_id
                         and major_reasons <> '[]'::jsonb))
         and not review_passed_or_decided(new.subject_id) then
        raise exception 'REVIEW_REQUIRED: a decision document of case % marked major is numbered only after its review passed (行政处罚法 §58)',
          new.subject_id using errcode = 'check_violation';
      end if;`;
  return [
    {
      name: 'review_passed_or_decided',
      signature: '(case_ref text) returns boolean language plpgsql stable',
      body: `
  declare
    cid uuid;
  begin
    -- Subjects that are not cases (or not known here) are none of the gate's business.
    if case_ref !~* ${UUID_RE} then
      return true;
    end if;
    cid := case_ref::uuid;
    if not exists (select 1 from cases where id = cid) then
      return true;
    end if;
    return exists (select 1 from cases where id = cid and decided_on is not null)
      or exists (select 1 from reviews where case_id = cid and status in (${list(passingStatuses)}));
  end `,
    },
    {
      name: 'decision_document_needs_review',
      signature: '() returns trigger language plpgsql',
      body: `
  begin
    if new.type in (${list(Object.keys(decisionDocuments))}) then
      if new.subject_type <> 'case'
         or new.subject_id !~* ${UUID_RE}
         or not exists (select 1 from cases where id = new.subject_id::uuid and agency_id = new.agency_id) then
        raise exception 'CASE_NOT_OWN: a decision document names a case of its own agency (行政处罚法 §58)'
          using errcode = 'check_violation';
      end if;
      if new.type in (${list(always)}) and not review_passed_or_decided(new.subject_id) then
        raise exception 'REVIEW_REQUIRED: a decision document of case % is numbered only after its review passed (行政处罚法 §58)',
          new.subject_id using errcode = 'check_violation';
      end if;${summaryCheck}
    end if;
    return new;
  end `,
    },
    {
      name: 'publication_needs_review',
      signature: '() returns trigger language plpgsql',
      body: `
  begin
    if new.case_id is not null then
      if not exists (select 1 from cases where id = new.case_id and agency_id = new.agency_id) then
        raise exception 'CASE_NOT_OWN: a publication of a case names a case of its own agency'
          using errcode = 'check_violation';
      end if;
      if not review_passed_or_decided(new.case_id::text) then
        raise exception 'REVIEW_REQUIRED: case % has no decision nor passed review to publish (行政处罚法 §58)',
          new.case_id using errcode = 'check_violation';
      end if;
    end if;
    return new;
  end `,
    },
  ];
}

/** The statement that (re)creates a backstop function. */
export const createStatement = (f: BackstopFunction): string =>
  `create or replace function ${f.name}${f.signature} as $$${f.body}$$`;
