import { actionKindLabels, actionKinds } from '../../../powers/action-kinds.ts';
import { html, type SafeHtml } from '../../../publicity/portal/html.ts';
import { layout } from '../../../publicity/portal/layout.ts';
import { agencyKindLabel } from '../../../publicity/portal/pages/home.ts';
import type { CountyAgency } from '../county-portal.schema.ts';
import { COUNTY, COUNTY_PORTAL_NAME, agencyPath, countyNav, levelLabels } from './place.ts';

/** The search form across agencies, on the home page and above the results. */
export function searchForm(
  agencies: readonly CountyAgency[],
  s: { q: string; agencyId?: string | undefined; kind?: string | undefined; what?: string },
): SafeHtml {
  return html`<form class="stack noprint" method="get" action="${COUNTY}/search" role="search">
    <label for="q">检索词</label>
    <input type="text" id="q" name="q" value="${s.q}" maxlength="50" aria-describedby="q-hint" />
    <p class="hint" id="q-hint">公示信息按当事人名称、文号或标题查找；权责清单按事项名称或编码查找。</p>
    <label for="agencyId">执法机关</label>
    <select id="agencyId" name="agencyId">
      <option value="">全部机关</option>
      ${agencies.map(
        (a) =>
          html`<option value="${a.id}" ${s.agencyId === a.id ? html`selected` : null}>${a.name}</option>`,
      )}
    </select>
    <label for="kind">类别</label>
    <select id="kind" name="kind">
      <option value="">全部类别</option>
      ${actionKinds.map(
        (k) =>
          html`<option value="${k}" ${s.kind === k ? html`selected` : null}>${actionKindLabels[k]}</option>`,
      )}
    </select>
    <label for="what">检索范围</label>
    <select id="what" name="what">
      <option value="all" ${!s.what || s.what === 'all' ? html`selected` : null}>公示信息和权责清单</option>
      <option value="publications" ${s.what === 'publications' ? html`selected` : null}>只查公示信息</option>
      <option value="powers" ${s.what === 'powers' ? html`selected` : null}>只查权责清单</option>
    </select>
    <button type="submit">检索</button>
  </form>`;
}

export function agencyCards(agencies: readonly CountyAgency[]): SafeHtml {
  return agencies.length === 0
    ? html`<p>暂无登记的执法机关。</p>`
    : html`<ul class="cards" data-testid="county-agencies">
        ${agencies.map(
          (a) =>
            html`<li>
              <a href="${agencyPath(a)}">${a.name}</a><br />
              ${a.kind ? html`<span class="kind">${agencyKindLabel[a.kind]}</span>` : null}
              ${a.level ? html` <span class="kind">${levelLabels[a.level] ?? a.level}</span>` : null}
              ${a.suspended ? html` <span class="kind">暂停接收推送</span>` : null}
              <p class="hint">
                <a href="${agencyPath(a)}/powers">权责清单</a> ·
                <a href="${agencyPath(a)}/officers">执法人员</a> ·
                <a href="${agencyPath(a)}/publications">公示信息</a>
              </p>
            </li>`,
        )}
      </ul>`;
}

/** The county platform's home (全县行政执法公示): every registered agency and the search across them. */
export function countyHomePage(agencies: readonly CountyAgency[]): SafeHtml {
  return layout(
    {
      title: COUNTY_PORTAL_NAME,
      current: '/',
      nav: countyNav,
      description: '全县各行政执法机关的权责清单、执法人员、执法流程和执法决定公示，可跨机关检索和核验',
    },
    html`<h1>${COUNTY_PORTAL_NAME}</h1>
      <p class="lead">
        本平台汇集全县 ${agencies.length}
        个行政执法机关推送的权责清单、执法人员和执法决定公示。每条信息都附有推送机关记录日志的包含证明，并由本平台见证。
      </p>
      <section aria-labelledby="search">
        <h2 id="search">跨机关检索</h2>
        ${searchForm(agencies, { q: '' })}
      </section>
      <section aria-labelledby="agencies">
        <h2 id="agencies">执法机关</h2>
        ${agencyCards(agencies)}
      </section>
      <section aria-labelledby="verify">
        <h2 id="verify">核验执法记录</h2>
        <p>
          手中有任一执法机关的执法文书，文书上印有核验码（如 SX-1024-7K3QZD）？<a href="${COUNTY}/verify"
            >到记录核验页面</a
          >，本平台向该机关取得包含证明，并与本平台见证的检查点核对。
        </p>
      </section>`,
  );
}

export function countyAgenciesPage(agencies: readonly CountyAgency[]): SafeHtml {
  return layout(
    { title: '执法机关', current: `${COUNTY}/agencies`, nav: countyNav },
    html`<nav aria-label="当前位置" class="noprint"><a href="/">首页</a> › 执法机关</nav>
      <h1>执法机关</h1>
      <p class="lead">在本平台登记、向本平台推送执法信息的行政执法机关。</p>
      ${agencyCards(agencies)}`,
  );
}
