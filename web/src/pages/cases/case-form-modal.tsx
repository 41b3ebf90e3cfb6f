import { Form, Modal, type FormInstance } from 'antd';
import type { ReactNode } from 'react';
import { CaseProblemAlert } from './case-problem.tsx';
import type { CaseProblem } from './use-case-submit.ts';

/**
 * A case form in a dialog (vertical layout, so fields stack on a phone). Rendered only while open; a
 * stray click outside does not close it.
 */
export function CaseFormModal<Values>(props: {
  name: string;
  title: string;
  form: FormInstance<Values>;
  submitting: boolean;
  problem: CaseProblem | null;
  onCancel: () => void;
  onFinish: (values: Values) => void;
  onReload: () => void;
  onSubmitReview?: () => void;
  initialValues?: Partial<Values>;
  okText?: string;
  width?: number;
  extra?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Modal
      open
      title={props.title}
      width={props.width ?? 640}
      okText={props.okText ?? '提交'}
      cancelText="取消"
      confirmLoading={props.submitting}
      mask={{ closable: false }}
      onOk={() => props.form.submit()}
      onCancel={props.onCancel}
    >
      {props.extra}
      <CaseProblemAlert
        problem={props.problem}
        onReload={props.onReload}
        onSubmitReview={props.onSubmitReview}
      />
      <Form<Values>
        name={props.name}
        form={props.form}
        layout="vertical"
        initialValues={props.initialValues}
        onFinish={props.onFinish}
        scrollToFirstError
      >
        {props.children}
      </Form>
    </Modal>
  );
}
