import { Form, Modal, type FormInstance } from 'antd';
import type { ReactNode } from 'react';
import { ProblemAlert } from './problem-alert.tsx';
import type { FormProblem } from './use-submit.ts';

interface FormModalProps<Values> {
  /** Prefixes the fields' ids, which must be unique on the page (labels point at them). */
  name: string;
  title: string;
  form: FormInstance<Values>;
  submitting: boolean;
  problem: FormProblem | null;
  onCancel: () => void;
  onFinish: (values: Values) => void;
  initialValues?: Partial<Values>;
  okText?: string;
  width?: number;
  children: ReactNode;
}

/**
 * A form in a dialog. The parent renders it only while it is open, so each opening starts from
 * `initialValues`; clicking outside does not close it (a half-filled form is not lost by a stray click).
 */
export function FormModal<Values>(props: FormModalProps<Values>) {
  return (
    <Modal
      open
      title={props.title}
      width={props.width ?? 560}
      okText={props.okText ?? '保存'}
      cancelText="取消"
      confirmLoading={props.submitting}
      mask={{ closable: false }}
      onOk={() => props.form.submit()}
      onCancel={props.onCancel}
    >
      <ProblemAlert problem={props.problem} />
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
