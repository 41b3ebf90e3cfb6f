import { App, type FormInstance } from 'antd';
import { useCallback, useState } from 'react';
import { ApiError, type FieldError } from '../api/client.ts';
import { applyProblem } from './problem.ts';

/** What a failed write left to show above the form's buttons. */
export interface FormProblem {
  title: string;
  detail: string | undefined;
  /** Field errors that name no field of this form. */
  unplaced: FieldError[];
}

/**
 * Runs a write for a form: a success message when it worked; when the server refused, the field errors on
 * their fields and the rest (title, detail, errors naming no field) in `problem`.
 */
export function useSubmit(form?: FormInstance) {
  const { message } = App.useApp();
  const [submitting, setSubmitting] = useState(false);
  const [problem, setProblem] = useState<FormProblem | null>(null);

  const run = useCallback(
    async <T>(action: () => Promise<T>, success: string): Promise<T | undefined> => {
      setSubmitting(true);
      setProblem(null);
      try {
        const result = await action();
        void message.success(success);
        return result;
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        const unplaced = form ? applyProblem(form, error) : error.errors;
        setProblem({ title: error.title, detail: error.detail, unplaced });
        void message.error(error.title);
        return undefined;
      } finally {
        setSubmitting(false);
      }
    },
    [form, message],
  );

  const clear = useCallback(() => setProblem(null), []);
  /** For an edit that changed nothing: say so instead of sending an empty write. */
  const unchanged = useCallback(() => void message.info('未作任何修改'), [message]);
  return { submitting, problem, run, clear, unchanged };
}
