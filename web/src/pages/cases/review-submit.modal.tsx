import { Alert, Form } from 'antd';
import { casesApi, type CaseDetail } from '../../api/cases.ts';
import { powersApi } from '../../api/powers.ts';
import { useRequest } from '../../ui/use-request.ts';
import { CaseFormModal } from './case-form-modal.tsx';
import { FindingsFields, findingsOf, findingsValues, type FindingsValues } from './findings-fields.tsx';
import { useCaseSubmit } from './use-case-submit.ts';

interface Values {
  proposal?: FindingsValues;
}

const resultLabels: Record<string, string> = {
  approve: '同意',
  approve_with_changes: '修改后同意',
  returned: '退回补充调查',
  return: '退回补充调查',
  disapprove: '不同意',
};

/**
 * 提交法制审核 (POST /api/v1/reviews): the facts as established, entered once (issue 12 item 4) — the
 * form starts from the investigation report, or after a return from what the last round was submitted
 * with, so the officer only changes what the reviewer asked about; the review shows what changed.
 */
export function ReviewSubmitModal(props: { detail: CaseDetail; onClose: () => void; onDone: () => void }) {
  const kase = props.detail.case;
  const [form] = Form.useForm<Values>();
  const { submitting, problem, run } = useCaseSubmit(form);
  const item = useRequest(
    () => (kase.itemId ? powersApi.detail(kase.itemId) : Promise.resolve(undefined)),
    [kase.itemId],
  );
  const standing = useRequest(() => casesApi.standingProposal(kase.id).catch(() => null), [kase.id]);

  async function submit(values: Values) {
    const proposal = findingsOf(values.proposal);
    const done = await run(() => casesApi.submitReview(kase.id, proposal), '已提交法制审核');
    if (done) props.onDone();
  }

  if ((kase.itemId && item.loading) || standing.loading) return null;
  const bases = (item.data?.item.latest.legalBases ?? []).map((b) => ({ law: b.law, article: b.article }));
  const s = standing.data;
  return (
    <CaseFormModal<Values>
      name="review-submit"
      title={`提交法制审核：${kase.caseNumber}`}
      form={form}
      submitting={submitting}
      problem={problem}
      onCancel={props.onClose}
      onFinish={(v) => void submit(v)}
      onReload={props.onClose}
      initialValues={{ proposal: findingsValues(s?.proposal, bases) }}
    >
      {s?.source === 'investigation_report' && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          message="已按调查终结报告填写，无需重新录入；如有修改，提交后审核人员可看到修改之处。"
        />
      )}
      {s?.source === 'review' && (
        <Alert
          type={s.result === 'approve' ? 'info' : 'warning'}
          showIcon
          style={{ marginBottom: 16 }}
          message={`已按第 ${s.round ?? ''} 轮送审内容填写${s.result ? `（审核结论：${resultLabels[s.result] ?? s.result}）` : ''}`}
          description={
            s.opinion
              ? `审核意见：${s.opinion}。修改后重新提交，审核人员将看到与上一轮相比的变化。`
              : undefined
          }
        />
      )}
      <FindingsFields name="proposal" />
    </CaseFormModal>
  );
}
