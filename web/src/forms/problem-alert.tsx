import { Alert } from 'antd';
import type { FormProblem } from './use-submit.ts';

/** The part of a refusal that belongs to no single field: the title, the detail, stray field errors. */
export function ProblemAlert({ problem }: { problem: FormProblem | null }) {
  if (!problem) return null;
  const lines = [
    ...(problem.detail && problem.detail !== problem.title ? [problem.detail] : []),
    ...problem.unplaced.map((e) => e.message),
  ];
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      style={{ marginBottom: 16 }}
      title={problem.title}
      description={lines.length ? lines.map((line, i) => <div key={i}>{line}</div>) : undefined}
    />
  );
}
