import { Collapse, Form, Input, Tag, Typography, type FormInstance } from 'antd';
import { useEffect, useState } from 'react';
import { documentTypes } from '../../../../src/documents/document-types.ts';
import { documentsOfStep } from '../../../../src/cases/step-documents.rules.ts';
import { casesApi, type DocumentDraft } from '../../api/cases.ts';
import type { CaseProblem } from './use-case-submit.ts';

type TypeCode = keyof typeof documentTypes;

/**
 * The documents a step issues as part of itself (issue 12 item 5): named, and each open to check and
 * edit before the step is taken — its fields as the case fills them now (the step's own facts, such as
 * the approval's date, are added when it is taken). Only what the officer changes is sent, and the server
 * records it as edited. A field the server finds empty opens its document with the error on the field.
 */
export type DocumentEdits = Partial<Record<string, { fields: Record<string, string> }>>;

export function useStepDocuments(caseId: string, kind: string, step: string, outcome: string | null = null) {
  const types = documentsOfStep(kind, step, outcome);
  const [drafts, setDrafts] = useState<Partial<Record<TypeCode, DocumentDraft>>>({});
  const key = types.join(',');
  useEffect(() => {
    let live = true;
    void Promise.all(
      types.map((t) =>
        casesApi
          .draft(caseId, t)
          .then((d) => [t, d] as const)
          .catch(() => [t, undefined] as const),
      ),
    ).then((list) => {
      if (live) setDrafts(Object.fromEntries(list.filter(([, d]) => d)));
    });
    return () => {
      live = false;
    };
  }, [caseId, key]);
  /** The fields the officer changed, per document: what the step sends. */
  const editsOf = (values: Record<string, { fields?: Record<string, string | undefined> }> | undefined) => {
    const out: DocumentEdits = {};
    for (const t of types) {
      const given = values?.[t]?.fields ?? {};
      const before = drafts[t]?.data.fields ?? {};
      const changed = Object.fromEntries(
        Object.entries(given).filter(
          (e): e is [string, string] => typeof e[1] === 'string' && e[1] !== (before[e[0]] ?? ''),
        ),
      );
      if (Object.keys(changed).length > 0) out[t] = { fields: changed };
    }
    return out;
  };
  return { types, drafts, editsOf };
}

export function StepDocumentsFields(props: {
  types: readonly TypeCode[];
  drafts: Partial<Record<TypeCode, DocumentDraft>>;
  problem: CaseProblem | null;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any form that holds `documents`
  form: FormInstance<any>;
}) {
  const [open, setOpen] = useState<string[]>([]);
  const problem = props.problem;
  const { form, drafts, types } = props;
  // Drafts arrive after the form mounts: each untouched field takes its draft's text.
  useEffect(() => {
    for (const t of types) {
      for (const [key, value] of Object.entries(drafts[t]?.data.fields ?? {})) {
        const name = ['documents', t, 'fields', key];
        if (!form.isFieldTouched(name)) form.setFieldValue(name, value);
      }
    }
  }, [drafts, types, form]);
  useEffect(() => {
    const paths = [...(problem?.unplaced ?? []), ...(problem?.problem?.errors ?? [])].map((e) => e.path);
    const failing = props.types.filter((t) => paths.some((p) => p.startsWith(`body.documents.${t}`)));
    if (failing.length > 0) setOpen((o) => [...new Set([...o, ...failing])]);
  }, [problem, props.types]);
  if (props.types.length === 0) return null;
  return (
    <Form.Item
      label="本环节制作的文书"
      extra="按案件信息自动填写；办理时以当日案件信息为准，修改之处将记录在文书中"
    >
      <Collapse
        size="small"
        activeKey={open}
        onChange={(keys) => setOpen(Array.isArray(keys) ? keys : [keys])}
        items={props.types.map((t) => {
          const spec = documentTypes[t];
          const draft = props.drafts[t];
          return {
            key: t,
            forceRender: true,
            label: (
              <>
                {spec.title} <Tag>自动填写</Tag>
              </>
            ),
            children: (
              <>
                {spec.fields.map((f) => (
                  <Form.Item
                    key={f.key}
                    name={['documents', t, 'fields', f.key]}
                    label={
                      <>
                        {spec.title}：{f.label}
                        {f.source === 'officer' && (
                          <Typography.Text type="secondary" style={{ marginLeft: 4 }}>
                            （由执法人员填写）
                          </Typography.Text>
                        )}
                      </>
                    }
                    extra={draft?.needs[f.key]}
                    rules={[{ max: f.max, message: `「${f.label}」不能超过 ${f.max} 个字符` }]}
                  >
                    <Input.TextArea autoSize={{ minRows: 1, maxRows: 8 }} />
                  </Form.Item>
                ))}
              </>
            ),
          };
        })}
      />
    </Form.Item>
  );
}
