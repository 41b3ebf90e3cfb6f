import { actionKindLabels, actionKinds } from '../../../powers/action-kinds.ts';
import { formatBeijingTime } from '../format.ts';
import { html, type SafeHtml } from '../html.ts';
import { layout } from '../layout.ts';
import {
  PAGE_SIZE,
  type PublicListItem,
  type PublicPublication,
  type PublicSearch,
} from '../publications-portal.service.ts';

/** The correction form's anti-robot script (web/src/portal/correction.ts, built into web/dist/portal/). */
export const CORRECTION_SCRIPT = '/portal/correction.js';

const crumbs = (last?: string) =>
  html`<nav aria-label="当前位置" class="noprint">
    <a href="/">首页</a> › ${last ? html`<a href="/publications">公示信息</a> › ${last}` : '公示信息'}
  </nav>`;

const statusTag = (status: 'published' | 'withdrawn') =>
  status === 'withdrawn' ? html`<span class="kind">已撤回</span>` : null;

function searchQuery(s: PublicSearch, page: number): string {
  const params = new URLSearchParams();
  if (s.q) params.set('q', s.q);
  if (s.creditCode) params.set('creditCode', s.creditCode);
  if (s.documentNumber) params.set('documentNumber', s.documentNumber);
  if (s.kind) params.set('kind', s.kind);
  if (s.from) params.set('from', s.from);
  if (s.to) params.set('to', s.to);
  if (page > 1) params.set('page', String(page));
  const text = params.toString();
  return text ? `/publications?${text}` : '/publications';
}

/** 公示信息: search by party, credit code, document number, kind and date; newest decisions first. */
export function publicationsPage(
  search: PublicSearch,
  items: readonly PublicListItem[],
  total: number,
  errors: readonly { path: string; message: string }[] = [],
): SafeHtml {
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  return layout(
    {
      title: '行政执法决定公示',
      current: '/publications',
      description: '行政处罚、行政许可等执法决定的公示信息，可按当事人、统一社会信用代码、文号查询',
    },
    html`${crumbs()}
      <h1>行政执法决定公示</h1>
      <p class="lead">
        行政许可、行政处罚、行政强制、行政征收、行政收费和行政检查决定。自然人的姓名、身份证号码、联系电话、住址等个人信息已按规定处理。订阅：<a
          href="/publications/feed.atom"
          >Atom</a
        >、<a href="/publications/feed.json">JSON</a>。
      </p>
      <form class="stack noprint" method="get" action="/publications" role="search">
        <label for="q">当事人名称</label>
        <input type="text" id="q" name="q" value="${search.q}" maxlength="50" />
        <label for="creditCode">统一社会信用代码</label>
        <input
          type="text"
          id="creditCode"
          name="creditCode"
          value="${search.creditCode}"
          maxlength="50"
          autocomplete="off"
          spellcheck="false"
        />
        <label for="documentNumber">文号</label>
        <input
          type="text"
          id="documentNumber"
          name="documentNumber"
          value="${search.documentNumber}"
          maxlength="50"
        />
        <label for="kind">决定类别</label>
        <select id="kind" name="kind">
          <option value="">全部类别</option>
          ${actionKinds.map(
            (k) =>
              html`<option value="${k}" ${search.kind === k ? html`selected` : null}>
                ${actionKindLabels[k]}
              </option>`,
          )}
        </select>
        <label for="from">决定日期从</label>
        <input
          type="text"
          id="from"
          name="from"
          value="${search.from ?? ''}"
          placeholder="YYYY-MM-DD"
          maxlength="10"
          inputmode="numeric"
        />
        <label for="to">至</label>
        <input
          type="text"
          id="to"
          name="to"
          value="${search.to ?? ''}"
          placeholder="YYYY-MM-DD"
          maxlength="10"
          inputmode="numeric"
        />
        <button type="submit">查询</button>
      </form>
      ${
        errors.length > 0
          ? html`<div class="result bad" role="alert">${errors.map((e) => html`<p>${e.message}</p>`)}</div>`
          : html`<p role="status">共 ${total} 条${pages > 1 ? `，第 ${search.page} / ${pages} 页` : ''}。</p>`
      }
      ${
        errors.length > 0
          ? null
          : items.length === 0
            ? html`<p>没有符合条件的公示信息。</p>`
            : html`<div class="scroll">
                <table>
                  <caption>
                    公示信息
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">标题</th>
                      <th scope="col">当事人</th>
                      <th scope="col">文号</th>
                      <th scope="col">类别</th>
                      <th scope="col">决定日期</th>
                      <th scope="col">执法机关</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${items.map(
                      (p) =>
                        html`<tr>
                          <th scope="row">
                            <a href="/publications/${p.id}">${p.title}</a> ${statusTag(p.status)}
                          </th>
                          <td>
                            ${p.partyName}${p.partyCreditCode ? html`<br /><small>${p.partyCreditCode}</small>` : null}
                          </td>
                          <td>${p.documentNumber}</td>
                          <td>${actionKindLabels[p.kind]}</td>
                          <td>${p.decidedOn}</td>
                          <td>${p.agencyName}</td>
                        </tr>`,
                    )}
                  </tbody>
                </table>
              </div>`
      }
      ${
        pages > 1
          ? html`<nav aria-label="分页" class="noprint">
              ${search.page > 1 ? html`<a href="${searchQuery(search, search.page - 1)}" rel="prev">上一页</a>` : null}
              ${search.page < pages ? html` <a href="${searchQuery(search, search.page + 1)}" rel="next">下一页</a>` : null}
            </nav>`
          : null
      }`,
  );
}

export interface CorrectionFormState {
  name: string;
  contact: string;
  content: string;
  errors: readonly { path: string; message: string }[];
  /** The request was received: its receipt number and answer date. */
  received?: { receiptNumber: string; dueOn: string };
}

const emptyForm: CorrectionFormState = { name: '', contact: '', content: '', errors: [] };

function correctionForm(p: PublicPublication, state: CorrectionFormState): SafeHtml {
  if (state.received) {
    return html`<div class="result ok" role="status">
      <p class="big">已收到您的更正申请</p>
      <p>
        受理编号 <strong>${state.received.receiptNumber}</strong>。执法机关将于 ${state.received.dueOn}
        前答复。
      </p>
      <p>
        请记下受理编号；凭受理编号和联系方式可在<a href="/corrections">更正申请查询</a>查看办理情况和答复。
      </p>
    </div>`;
  }
  const errorOf = (field: string) => state.errors.find((e) => e.path === `body.${field}`)?.message;
  const general = state.errors.filter((e) => !['body.name', 'body.contact', 'body.content'].includes(e.path));
  const field = (name: 'name' | 'contact', label: string, hint: string) => {
    const error = errorOf(name);
    return html`<label for="c-${name}">${label}</label>
      <input
        type="text"
        id="c-${name}"
        name="${name}"
        value="${state[name]}"
        maxlength="100"
        required
        aria-describedby="c-${name}-hint${error ? ` c-${name}-error` : ''}"
        ${error ? html`aria-invalid="true"` : null}
      />
      <p class="hint" id="c-${name}-hint">${hint}</p>
      ${error ? html`<p class="hint" id="c-${name}-error" role="alert">${error}</p>` : null}`;
  };
  const contentError = errorOf('content');
  return html`<form
    class="stack noprint"
    method="post"
    action="/publications/${p.id}/correction"
    id="correction-form"
  >
    ${
      general.length > 0
        ? html`<div class="result bad" role="alert">${general.map((e) => html`<p>${e.message}</p>`)}</div>`
        : null
    }
    ${field('name', '您的姓名', '仅用于答复，不会公开。')}
    ${field('contact', '联系方式', '电话或电子邮箱，仅用于答复，不会公开。')}
    <label for="c-content">需要更正的内容与理由</label>
    <textarea
      id="c-content"
      name="content"
      rows="5"
      maxlength="2000"
      required
      style="font:inherit;padding:.5rem;border:2px solid #555;border-radius:4px;width:100%"
      ${contentError ? html`aria-invalid="true"` : null}
    >
${state.content}</textarea>
    ${contentError ? html`<p class="hint" role="alert">${contentError}</p>` : null}
    <input type="hidden" name="altcha" id="c-altcha" value="" />
    <p class="hint" id="c-robot" role="status">
      人机验证：浏览器将自动完成一次计算（约一秒），不收集任何信息。
    </p>
    <noscript
      ><p class="hint">
        人机验证需要启用 JavaScript；也可以到执法机关窗口或通过 12345 热线提出更正申请。
      </p></noscript
    >
    <button type="submit">提交更正申请</button>
  </form>`;
}

/** One publication: the summary and the masked decision document, its verification code, and a correction form. */
export function publicationPage(p: PublicPublication, form: CorrectionFormState = emptyForm): SafeHtml {
  const withdrawn = p.visibility === 'withdrawn';
  return layout(
    {
      title: p.title,
      current: '/publications',
      description: `${p.agencyName} ${p.documentNumber}`,
      scripts: withdrawn ? [] : [CORRECTION_SCRIPT],
    },
    html`${crumbs(p.documentNumber)}
      <h1>${p.title}</h1>
      ${
        withdrawn
          ? html`<div class="result bad" role="status">
              <p class="big">该决定信息已撤回</p>
              <p>撤回时间：${p.withdrawnAt ? formatBeijingTime(p.withdrawnAt.toISOString()) : ''}</p>
              <p>撤回理由：${p.withdrawalReason}</p>
            </div>`
          : null
      }
      <dl class="facts">
        <dt>执法机关</dt>
        <dd>${p.agencyName}</dd>
        <dt>决定类别</dt>
        <dd>${actionKindLabels[p.kind]}</dd>
        <dt>文号</dt>
        <dd>${p.documentNumber}</dd>
        <dt>当事人</dt>
        <dd>${p.partyName}</dd>
        ${
          p.partyCreditCode
            ? html`<dt>统一社会信用代码</dt>
                <dd>${p.partyCreditCode}</dd>`
            : null
        }
        <dt>决定日期</dt>
        <dd>${p.decidedOn}</dd>
        <dt>公示日期</dt>
        <dd>${p.publishedOn ?? ''}</dd>
        ${
          !withdrawn
            ? html`<dt>公示期至</dt>
                <dd>${p.periodEndsOn ?? '长期'}</dd>`
            : null
        }
        ${
          p.verificationCode
            ? html`<dt>核验码</dt>
                <dd>
                  <a href="/verify?code=${p.verificationCode}" data-testid="verification-code"
                    >${p.verificationCode}</a
                  >
                </dd>`
            : !withdrawn
              ? html`<dt>核验码</dt>
                  <dd>正在写入记录日志，请稍后刷新</dd>`
              : null
        }
      </dl>
      ${
        withdrawn
          ? null
          : html`<h2>摘要</h2>
              <p>${p.summary}</p>
              <h2>决定书（公开文本）</h2>
              <div
                class="doc"
                style="white-space:pre-wrap;border:1px solid #bbb;padding:1rem;border-radius:6px"
              >
                ${p.documentText}
              </div>
              <section aria-labelledby="correction">
                <h2 id="correction">申请更正</h2>
                <p>
                  认为公示内容有误的，可以提出更正申请并说明理由（《市场监督管理行政处罚信息公示规定》第十二条）。
                </p>
                ${correctionForm(p, form)}
              </section>`
      }`,
  );
}

/** An item whose publicity period has run out (公示规定 §13) or was ended early (§14). */
export function endedPage(p: PublicPublication): SafeHtml {
  return layout(
    { title: '公示期已满', current: '/publications' },
    html`${crumbs(p.documentNumber)}
      <h1>该信息已停止公示</h1>
      <p>文号 ${p.documentNumber} 的决定信息公示期已满或已依申请提前停止公示，不再公开。</p>
      <p><a href="/publications">返回公示信息</a></p>`,
  );
}
