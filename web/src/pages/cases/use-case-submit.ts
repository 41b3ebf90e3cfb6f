import { App, type FormInstance } from 'antd';
import { useCallback, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { applyProblem } from '../../forms/problem.ts';
import type { FormProblem } from '../../forms/use-submit.ts';

/** A refusal as a case form shows it: its code, so a 409 conflict or a review gate can be shown for what it is. */
export interface CaseProblem extends FormProblem {
  code: string;
  status: number;
  problem: ApiError['problem'];
}

/** The conflict of optimistic concurrency: someone else changed the case since the page loaded it. */
export const isConflict = (p: CaseProblem | null): boolean => p?.code === 'CASE_VERSION_CONFLICT';

/**
 * Like forms/use-submit.ts, but keeps the problem's code and extension members: the case page answers a
 * version conflict with a reload and REVIEW_REQUIRED with the way to the legal review.
 */
export function useCaseSubmit(form?: FormInstance) {
  const { message } = App.useApp();
  const [submitting, setSubmitting] = useState(false);
  const [problem, setProblem] = useState<CaseProblem | null>(null);

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
        setProblem({
          title: error.title,
          detail: error.detail,
          unplaced,
          code: error.code,
          status: error.status,
          problem: error.problem,
        });
        void message.error(error.title);
        return undefined;
      } finally {
        setSubmitting(false);
      }
    },
    [form, message],
  );
  const clear = useCallback(() => setProblem(null), []);
  return { submitting, problem, run, clear };
}
