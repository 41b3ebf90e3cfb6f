import { html, type SafeHtml } from '../html.ts';
import { layout } from '../layout.ts';
import type { CorrectionStatus } from '../correction-lookup.service.ts';

export interface CorrectionLookupState {
  number: string;
  contact: string;
  /** Set once a lookup was asked: what was found (none when the number or the contact did not match). */
  found?: readonly CorrectionStatus[];
  error?: string;
}

function statusBox(c: CorrectionStatus): SafeHtml {
  return html`<div class="result ${c.status === 'answered' ? 'ok' : ''}">
    <p class="big">${c.status === 'answered' ? '已答复' : '办理中'}</p>
    <dl class="facts">
      <dt>受理编号</dt>
      <dd>${c.receiptNumber}</dd>
      <dt>受理机关</dt>
      <dd>${c.agencyName}</dd>
      <dt>公示文号</dt>
      <dd>${c.documentNumber}</dd>
      <dt>受理日期</dt>
      <dd>${c.receivedOn}</dd>
      <dt>答复期限</dt>
      <dd>${c.dueOn}</dd>
      ${
        c.status === 'answered'
          ? html`<dt>答复</dt>
              <dd>${c.answer ?? ''}</dd>
              <dt>是否更正</dt>
              <dd>${c.corrected ? '已更正公示内容' : '未更正'}</dd>`
          : null
      }
    </dl>
  </div>`;
}

/** 更正申请查询: the receipt number and the contact given with the request, then its state and answer. */
export function correctionLookupPage(state: CorrectionLookupState): SafeHtml {
  return layout(
    { title: '更正申请查询', description: '凭受理编号和联系方式查询更正申请的办理情况' },
    html`<h1>更正申请查询</h1>
      <p>请输入提交更正申请时得到的受理编号（如 GZ-2026-000123）和当时填写的联系方式。</p>
      <form class="stack" method="get" action="/corrections">
        <label for="q-number">受理编号</label>
        <input type="text" id="q-number" name="number" value="${state.number}" maxlength="40" required />
        <label for="q-contact">联系方式</label>
        <input type="text" id="q-contact" name="contact" value="${state.contact}" maxlength="100" required />
        <button type="submit">查询</button>
      </form>
      <div id="result" role="status">
        ${
          state.error
            ? html`<div class="result bad"><p>${state.error}</p></div>`
            : state.found === undefined
              ? null
              : state.found.length === 0
                ? html`<div class="result bad">
                    <p class="big">未查到该更正申请</p>
                    <p>请核对受理编号和联系方式是否与提交时一致。</p>
                  </div>`
                : state.found.map(statusBox)
        }
      </div>`,
  );
}
