import { Alert, Button, Space } from 'antd';
import { ProblemAlert } from '../../forms/problem-alert.tsx';
import { isConflict, type CaseProblem } from './use-case-submit.ts';

/**
 * A case form's refusal: a version conflict says so plainly and offers the reload (the form keeps what was
 * typed, and the next submission names the new version); REVIEW_REQUIRED points to the legal review.
 */
export function CaseProblemAlert(props: {
  problem: CaseProblem | null;
  onReload: () => void;
  onSubmitReview?: () => void;
}) {
  const { problem } = props;
  if (!problem) return null;
  if (isConflict(problem)) {
    return (
      <Alert
        type="warning"
        showIcon
        role="alert"
        style={{ marginBottom: 16 }}
        title="案件已被他人修改"
        description="在您打开此页面之后，其他人办理了该案件。请重新加载案件，核对最新状态后再提交；已填写的内容会保留。"
        action={
          <Button size="small" type="primary" onClick={props.onReload}>
            重新加载案件
          </Button>
        }
      />
    );
  }
  if (problem.code === 'REVIEW_REQUIRED') {
    return (
      <Alert
        type="error"
        showIcon
        role="alert"
        style={{ marginBottom: 16 }}
        title="需先通过法制审核"
        description={problem.detail ?? problem.title}
        action={
          props.onSubmitReview && (
            <Space>
              <Button size="small" type="primary" onClick={props.onSubmitReview}>
                提交法制审核
              </Button>
            </Space>
          )
        }
      />
    );
  }
  return <ProblemAlert problem={problem} />;
}
