import type { CaseFacts } from './case-facts.ts';
import type { Prefill } from './document-prefill.rules.ts';
import { specOf, type DocumentType } from './document-types.ts';
import type { DocumentData } from './documents.schema.ts';

/**
 * What is issued (issue 12 items 1 and 5, and its bad input): the case's draft with the officer's edits
 * over it, which fields were edited (kept with the document), and everything that stops it being issued —
 * a required field left empty, a draft the officer had to complete and did not, a text longer than its
 * field (refused, never cut), no party or fewer than two officers where the type names them (行政处罚法
 * §42, §55), and a date after today or before the act the document records. Each problem names its field
 * under `prefix` (the request's path of the document's data). Pure.
 */
export interface DraftProblem {
  path: string;
  message: string;
}

const filled = (v: string | undefined) => v !== undefined && v.trim() !== '';

/** The officer's data over the case's draft: a field the officer sent wins; what differs is `edited`. */
export function mergeDraft(draft: Prefill | null, given: DocumentData): DocumentData {
  if (!draft) return given;
  const base = draft.data;
  const fields: Record<string, string> = { ...base.fields };
  const edited: string[] = [];
  for (const [key, value] of Object.entries(given.fields)) {
    if ((base.fields[key] ?? '') !== value && (filled(value) || filled(base.fields[key]))) edited.push(key);
    fields[key] = value;
  }
  return {
    ...given,
    parties: given.parties.length > 0 ? given.parties : base.parties,
    officers: given.officers.length > 0 ? given.officers : base.officers,
    legalBases: given.legalBases.length > 0 ? given.legalBases : base.legalBases,
    amountFen: given.amountFen ?? base.amountFen,
    rows: given.rows.length > 0 ? given.rows : base.rows,
    date: given.date ?? base.date,
    fields,
    edited: [...new Set([...given.edited, ...edited])],
  };
}

/** The dates a document may not precede: the acts it records or follows. */
function earliest(type: DocumentType, facts: CaseFacts): { on: string; what: string }[] {
  const k = facts.kase;
  const notify = [...facts.events].reverse().find((e) => e.step === 'notify');
  const list: ({ on: string | null | undefined; what: string } | false)[] = [
    { on: k.discoveredOn, what: '案件登记' },
    [
      'filing_approval',
      'investigation_report',
      'penalty_notice',
      'penalty_decision',
      'no_penalty_decision',
    ].includes(type) && {
      on: k.filedOn,
      what: '立案',
    },
    type === 'penalty_decision' && { on: notify?.on, what: '行政处罚告知' },
    ['proof_of_service', 'closing_approval', 'penalty_info_summary'].includes(type) && {
      on: k.decidedOn,
      what: '作出决定',
    },
  ];
  return list.flatMap((x) => (x && x.on ? [{ on: x.on, what: x.what }] : []));
}

export function draftProblems(
  type: DocumentType,
  data: DocumentData,
  draft: Prefill | null,
  facts: CaseFacts | null,
  today: string,
  prefix = 'body.data',
): DraftProblem[] {
  const spec = specOf(type);
  const problems: DraftProblem[] = [];
  for (const f of spec.fields) {
    const value = data.fields[f.key] ?? '';
    const path = `${prefix}.fields.${f.key}`;
    if (value.length > f.max) {
      problems.push({
        path,
        message: `「${f.label}」不能超过 ${f.max} 个字符（现有 ${value.length} 个），请精简后再制作`,
      });
    } else if (!f.optional && !filled(value)) {
      problems.push({
        path,
        message:
          f.source === 'case' && facts
            ? `「${f.label}」为空：本案尚无可填入的内容，请先办理相应环节或在此填写`
            : `请填写「${f.label}」`,
      });
    } else if (draft?.needs[f.key] && !data.edited.includes(f.key)) {
      problems.push({ path, message: draft.needs[f.key]! });
    }
  }
  if (spec.party === true && data.parties.length === 0)
    problems.push({
      path: `${prefix}.parties`,
      message: `${spec.title}须载明当事人，请先在案件中登记当事人`,
    });
  if (spec.officers === true) {
    if (data.officers.length < 2)
      problems.push({
        path: `${prefix}.officers`,
        message: `${spec.title}须载明两名以上执法人员（行政处罚法第四十二条）`,
      });
    data.officers.forEach((o, i) => {
      if (!filled(o.certificateNumber))
        problems.push({
          path: `${prefix}.officers.${i}.certificateNumber`,
          message: `执法人员${o.name}没有有效的执法证，不能在文书上署名（行政处罚法第四十二条）`,
        });
    });
  }
  const date = data.date ?? today;
  if (date > today) problems.push({ path: `${prefix}.date`, message: `文书日期 ${date} 晚于今天，不能预签` });
  if (facts) {
    for (const e of earliest(type, facts)) {
      if (date < e.on) {
        problems.push({
          path: `${prefix}.date`,
          message: `文书日期 ${date} 早于它所依据的「${e.what}」（${e.on}）`,
        });
        break;
      }
    }
  }
  return problems;
}
