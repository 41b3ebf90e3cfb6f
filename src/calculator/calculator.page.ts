import { html, type SafeHtml } from '../publicity/portal/html.ts';
import { layout } from '../publicity/portal/layout.ts';
import { exclusionReasonLabels, type ExclusionReason } from './period-trace.rules.ts';
import type { PeriodAnswer } from './calculator.rules.ts';
import { calculatorPeriods, periodRules } from './periods.ts';

/** What the form was sent with, as typed (shown back on a refusal). */
export interface CalculatorForm {
  period: string;
  from: string;
  extended: boolean;
  excludedFrom: string;
  excludedTo: string;
  reason: string;
}

export const emptyCalculatorForm: CalculatorForm = {
  period: 'payment',
  from: '',
  extended: false,
  excludedFrom: '',
  excludedTo: '',
  reason: 'testing',
};

/** A refusal at a field of the form. */
export interface FieldError {
  field: keyof CalculatorForm;
  message: string;
}

const stepLabels: Record<PeriodAnswer['steps'][number]['kind'], string> = {
  start: '起算',
  skipped: '不计入',
  counted: '计入',
  excluded: '扣除',
  ignored: '不扣除',
  rolled_over: '顺延',
  last_day: '届满',
};

/**
 * 期限计算 on the portal: a form that works without JavaScript (GET, the answer rendered by the server),
 * the answer with its last day, its basis and each step of the count.
 */
export function calculatorPage(
  form: CalculatorForm,
  answer: PeriodAnswer | null,
  errors: readonly FieldError[],
): SafeHtml {
  const errorOf = (field: keyof CalculatorForm) => errors.find((e) => e.field === field)?.message;
  const fieldError = (field: keyof CalculatorForm) => {
    const message = errorOf(field);
    return message ? html`<p class="hint" id="${field}-error" role="alert">${message}</p>` : null;
  };
  const invalid = (field: keyof CalculatorForm) =>
    errorOf(field) ? html` aria-invalid="true" aria-describedby="${field}-error"` : null;
  return layout(
    {
      title: '期限计算',
      current: '/deadlines',
      description: '按法律规定计算行政执法期限的最后一日，列出计算步骤与依据',
    },
    html`<h1>期限计算</h1>
      <p class="lead">
        按本平台办案时使用的同一套规则计算法定期限：起算日不计入，工作日按国务院节假日安排，最后一日为法定休假日的按民法典第二百零三条顺延。结果仅供参考，以执法机关的决定为准。
      </p>
      <form class="stack" method="get" action="/deadlines">
        <label for="period">期限</label>
        <select id="period" name="period" ${invalid('period')}>
          ${calculatorPeriods.map(
            (p) =>
              html`<option value="${p}" ${p === form.period ? html`selected` : null}>
                ${periodRules[p].label}（${periodRules[p].from}起）
              </option>`,
          )}
        </select>
        ${fieldError('period')}
        <label for="from">起算日</label>
        <input type="date" id="from" name="from" value="${form.from}" required${invalid('from')} />
        ${fieldError('from')}
        <label
          ><input type="checkbox" name="extended" value="1" ${form.extended ? html`checked` : null} />
          已经批准延长</label
        >
        <fieldset>
          <legend>不计入的期间（可不填）</legend>
          <label for="excludedFrom">自</label>
          <input
            type="date"
            id="excludedFrom"
            name="excludedFrom"
            value="${form.excludedFrom}"
            ${invalid('excludedFrom')}
          />
          ${fieldError('excludedFrom')}
          <label for="excludedTo">至（含当日）</label>
          <input
            type="date"
            id="excludedTo"
            name="excludedTo"
            value="${form.excludedTo}"
            ${invalid('excludedTo')}
          />
          ${fieldError('excludedTo')}
          <label for="reason">原因</label>
          <select id="reason" name="reason">
            ${(Object.keys(exclusionReasonLabels) as ExclusionReason[]).map(
              (r) =>
                html`<option value="${r}" ${r === form.reason ? html`selected` : null}>
                  ${exclusionReasonLabels[r]}
                </option>`,
            )}
          </select>
        </fieldset>
        <button type="submit">计算</button>
      </form>
      ${answer ? answerHtml(answer) : null}`,
  );
}

function answerHtml(answer: PeriodAnswer): SafeHtml {
  return html`<section aria-labelledby="answer" class="result">
    <h2 id="answer">${answer.label}：最后一日 <time datetime="${answer.lastDay}">${answer.lastDay}</time></h2>
    ${answer.warnings.map((w) => html`<p class="hint" role="alert">${w.message}</p>`)}
    <p>依据：${answer.basis}</p>
    <table>
      <caption>
        计算步骤
      </caption>
      <thead>
        <tr>
          <th scope="col">步骤</th>
          <th scope="col">说明</th>
        </tr>
      </thead>
      <tbody>
        ${answer.steps.map(
          (s) =>
            html`<tr>
              <td>${stepLabels[s.kind]}</td>
              <td>${s.text}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </section>`;
}
