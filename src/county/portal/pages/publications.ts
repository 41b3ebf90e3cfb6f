import { actionKindLabels } from '../../../powers/action-kinds.ts';
import { html, type SafeHtml } from '../../../publicity/portal/html.ts';
import { layout } from '../../../publicity/portal/layout.ts';
import type { CountyAgency, CountyPublication } from '../county-portal.schema.ts';
import { COUNTY, agencyPath, countyNav } from './place.ts';

const publicationPath = (p: CountyPublication) =>
  `${COUNTY}/agencies/${p.countyAgencyId}/publications/${p.id}`;

/** The table of publications, as the portal's publications page lists them, with the agency. */
export function publicationsTable(items: readonly CountyPublication[], caption: string): SafeHtml {
  return items.length === 0
    ? html`<p>没有符合条件的公示信息。</p>`
    : html`<div class="scroll">
        <table>
          <caption>
            ${caption}
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
                  <th scope="row"><a href="${publicationPath(p)}">${p.title}</a></th>
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
      </div>`;
}

export function pager(
  page: number,
  total: number,
  pageSize: number,
  href: (page: number) => string,
): SafeHtml {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return pages > 1
    ? html`<nav aria-label="分页" class="noprint">
        第 ${page} / ${pages} 页 ${page > 1 ? html`<a href="${href(page - 1)}" rel="prev">上一页</a>` : null}
        ${page < pages ? html` <a href="${href(page + 1)}" rel="next">下一页</a>` : null}
      </nav>`
    : html``;
}

export function countyPublicationsPage(
  a: CountyAgency,
  found: { items: readonly CountyPublication[]; total: number; page: number; pageSize: number },
): SafeHtml {
  const base = `${agencyPath(a)}/publications`;
  return layout(
    { title: `${a.name} 公示信息`, current: `${COUNTY}/agencies`, nav: countyNav },
    html`<nav aria-label="当前位置" class="noprint">
        <a href="/">首页</a> › <a href="${COUNTY}/agencies">执法机关</a> ›
        <a href="${agencyPath(a)}">${a.name}</a> › 公示信息
      </nav>
      <h1>${a.name} 公示信息</h1>
      <p class="lead">公示期内、未撤回的执法决定。自然人的个人信息已由推送机关按规定处理。</p>
      <p role="status">共 ${found.total} 条。</p>
      <p class="noprint">
        <a href="/api/v1${base}/export.xlsx" download>导出 Excel</a> ·
        <a href="${COUNTY}/search?agencyId=${a.id}&amp;what=publications">在本机关的公示中检索</a>
      </p>
      ${publicationsTable(found.items, `${a.name} 公示信息`)}
      ${pager(found.page, found.total, found.pageSize, (p) => `${base}?page=${p}`)}`,
  );
}

/** One publication as pushed: the masked texts and its verification code (verified at the county). */
export function countyPublicationPage(a: CountyAgency, p: CountyPublication): SafeHtml {
  return layout(
    {
      title: p.title,
      current: `${COUNTY}/agencies`,
      nav: countyNav,
      description: `${a.name} ${p.documentNumber}`,
    },
    html`<nav aria-label="当前位置" class="noprint">
        <a href="/">首页</a> › <a href="${agencyPath(a)}">${a.name}</a> ›
        <a href="${agencyPath(a)}/publications">公示信息</a> › ${p.documentNumber}
      </nav>
      <h1>${p.title}</h1>
      <dl class="facts">
        <dt>执法机关</dt>
        <dd>${a.name}</dd>
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
        <dt>公示期至</dt>
        <dd>${p.periodEndsOn ?? '长期'}</dd>
        ${
          p.verificationCode
            ? html`<dt>核验码</dt>
                <dd>
                  <a
                    href="${COUNTY}/verify?code=${p.verificationCode}&amp;agencyId=${a.id}"
                    data-testid="verification-code"
                    >${p.verificationCode}</a
                  >
                </dd>`
            : null
        }
      </dl>
      <h2>摘要</h2>
      <p>${p.summary}</p>
      <h2>决定书（公开文本）</h2>
      <div class="doc" style="white-space:pre-wrap;border:1px solid #bbb;padding:1rem;border-radius:6px">
        ${p.documentText}
      </div>
      <section aria-labelledby="correction">
        <h2 id="correction">申请更正</h2>
        <p>
          认为公示内容有误的，请到<a href="${a.baseUrl}/publications/${p.id}">${a.name}公示平台的本条公示</a
          >提出更正申请并说明理由。
        </p>
      </section>`,
  );
}
