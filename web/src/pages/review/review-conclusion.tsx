import { App, Button, Card, Col, Form, Input, Radio, Row, Tag, type FormRule } from 'antd';
import { useState } from 'react';
import {
  findingProblems,
  type Finding,
  type FieldProblem,
  type Point,
  type Result,
} from '../../../../src/review/review.rules.ts';
import {
  reviewApi,
  type ConclusionInput,
  type ReviewDetail,
  type ReviewReference,
} from '../../api/review.ts';
import { ProblemAlert } from '../../forms/problem-alert.tsx';
import { useSubmit } from '../../forms/use-submit.ts';
import { findingOptions } from './review-labels.tsx';

/**
 * The reviewer's conclusion (S-13; issue 12 item 8: the form does not pre-judge). Every point starts
 * unanswered and the result unchosen; a point the automatic pre-checks failed may be found 符合 only with a
 * note, marked required with its reason as soon as it is chosen; the crime point is answered 是 or 否. The
 * form checks what the server's `findingProblems` checks before sending, on the fields they name, and
 * asks for confirmation of the result chosen before the request goes.
 */

interface Values {
  result?: Result;
  findings: { point: Point; finding?: Finding; note?: string }[];
  opinion?: string;
}

type Failed = readonly { point: Point; label: string }[];

/** findingProblems over the form as it stands; points not yet answered are left to their own required rule. */
function problemsOf(values: Values, failed: Failed, result: Result | undefined): FieldProblem[] {
  const findings = values.findings.map((f) => ({
    point: f.point,
    finding: f.finding ?? 'not_applicable',
    note: f.note ?? '',
  }));
  const problems = findingProblems(result ?? 'approve', findings, failed);
  const answered = values.findings.every((f) => f.finding !== undefined);
  return problems.filter((p) => {
    const i = /^findings\.(\d+)\./.exec(p.path)?.[1];
    if (i !== undefined) return values.findings[Number(i)]?.finding !== undefined;
    // Across the points (at least one problem, approve over a problem): once a result and every point are in.
    return result !== undefined && answered;
  });
}

/** The message a blank note for point i would get now: it is required then, for that reason. */
function noteNeed(values: Values, failed: Failed, i: number): string | undefined {
  const blanked = { ...values, findings: values.findings.map((f, j) => (j === i ? { ...f, note: '' } : f)) };
  return problemsOf(blanked, failed, values.result).find((p) => p.path === `findings.${i}.note`)?.message;
}

export function ConclusionForm({
  review,
  reference,
  onDone,
}: {
  review: ReviewDetail;
  reference: ReviewReference;
  onDone: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const { modal } = App.useApp();
  const { submitting, problem, run } = useSubmit(form);
  // Re-check a field when what it depends on changes only once the reviewer has tried to conclude.
  const [attempted, setAttempted] = useState(false);
  const points = Object.entries(reference.points) as [Point, string][];
  const failed: Failed = review.prechecks.filter((c) => c.status === 'fail');
  const failedOf = (point: Point) => failed.filter((c) => c.point === point);
  const watched = Form.useWatch((v: Values) => v, form) as Values | undefined;
  const values: Values = {
    ...watched,
    findings: watched?.findings ?? points.map(([point]) => ({ point })),
  };

  /** A field shows the problems findingProblems names at its path (and the result those across points). */
  const rule =
    (path: string): FormRule =>
    ({ getFieldsValue }) => ({
      validator: async () => {
        const now = getFieldsValue(true) as Values;
        const found = problemsOf(now, failed, now.result).filter((p) =>
          path === 'result' ? p.path === 'result' || p.path === 'findings' : p.path === path,
        );
        if (found.length > 0) throw new Error(found.map((p) => p.message).join('；'));
      },
    });

  const send = async (v: Values) => {
    const body = {
      result: v.result,
      findings: v.findings.map((f) => ({ point: f.point, finding: f.finding, note: f.note ?? '' })),
      opinion: v.opinion,
    } as ConclusionInput;
    const done = await run(() => reviewApi.conclude(review.id, body), '已作出审核结论');
    if (done) onDone();
  };
  const confirm = (v: Values) => {
    setAttempted(true);
    const problems = v.findings.filter((f) => f.finding === 'problem').length;
    modal.confirm({
      title: '确认作出审核结论',
      content: (
        <>
          <p>
            审核结论：<strong>{v.result ? reference.results[v.result] : ''}</strong>
          </p>
          <p>
            {problems > 0 ? `指出问题 ${problems} 项。` : '各审核要点均未发现问题。'}
            作出后即生成法制审核意见书，不能撤回。
          </p>
        </>
      ),
      okText: '确认作出',
      cancelText: '返回修改',
      onOk: () => send(v),
    });
  };

  return (
    <Card size="small" title="审核要点（逐项填写）">
      <Form<Values>
        form={form}
        layout="vertical"
        name="review-conclusion"
        initialValues={{ findings: points.map(([point]) => ({ point, note: '' })) }}
        onFinish={confirm}
        onFinishFailed={() => setAttempted(true)}
      >
        {points.map(([point, label], i) => {
          const checks = failedOf(point);
          const finding = values.findings[i]?.finding;
          const need = noteNeed(values, failed, i);
          return (
            <Row key={point} gutter={8} role="group" aria-label={`审核要点：${label}`}>
              <Form.Item name={['findings', i, 'point']} hidden>
                <Input />
              </Form.Item>
              <Col xs={24} sm={10}>
                <Form.Item
                  name={['findings', i, 'finding']}
                  label={
                    <span>
                      {label}
                      {checks.length > 0 && (
                        <Tag
                          color="red"
                          style={{ marginInlineStart: 8 }}
                          title={checks.map((c) => c.label).join('；')}
                        >
                          自动预审未通过
                        </Tag>
                      )}
                    </span>
                  }
                  rules={[
                    { required: true, message: `请选择“${label}”的审核结果` },
                    rule(`findings.${i}.finding`),
                  ]}
                >
                  <Radio.Group
                    aria-label={label}
                    optionType="button"
                    options={findingOptions(point, reference)}
                  />
                </Form.Item>
              </Col>
              <Col xs={24} sm={14}>
                <Form.Item
                  name={['findings', i, 'note']}
                  label="意见"
                  required={need !== undefined}
                  extra={
                    need !== undefined && finding === 'satisfied' && checks.length > 0
                      ? `自动预审“${checks.map((c) => c.label).join('”“')}”未通过：认定符合须写明理由`
                      : undefined
                  }
                  dependencies={attempted ? [['findings', i, 'finding'], 'result'] : undefined}
                  rules={[rule(`findings.${i}.note`)]}
                >
                  <Input.TextArea rows={1} autoSize maxLength={4000} />
                </Form.Item>
              </Col>
            </Row>
          );
        })}
        <Form.Item
          name="result"
          label="审核结论"
          dependencies={attempted ? points.map((_, i) => ['findings', i, 'finding']) : undefined}
          rules={[{ required: true, message: '请选择审核结论' }, rule('result')]}
        >
          <Radio.Group
            aria-label="审核结论"
            optionType="button"
            options={Object.entries(reference.results).map(([value, label]) => ({ value, label }))}
          />
        </Form.Item>
        <Form.Item
          name="opinion"
          label="审核意见"
          rules={[{ required: true, whitespace: true, message: '请填写审核意见' }]}
        >
          <Input.TextArea rows={3} maxLength={8000} />
        </Form.Item>
        <ProblemAlert problem={problem} />
        <Button type="primary" htmlType="submit" loading={submitting}>
          作出审核结论
        </Button>
      </Form>
    </Card>
  );
}
