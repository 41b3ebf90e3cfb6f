import { actionKindLabels } from '../../../powers/action-kinds.ts';
import { html, type SafeHtml } from '../../../publicity/portal/html.ts';
import { layout } from '../../../publicity/portal/layout.ts';
import type { Paged } from '../county-portal.service.ts';
import type { CountyAgency, CountyPower, CountyPublication } from '../county-portal.schema.ts';
import { searchForm } from './home.ts';
import { COUNTY, agencyPath, countyNav } from './place.ts';
import { pager, publicationsTable } from './publications.ts';

export interface SearchState {
  q: string;
  agencyId?: string | undefined;
  kind?: string | undefined;
  what: string;
  page: number;
}

function href(s: SearchState, page: number): string {
  const p = new URLSearchParams();
  if (s.q) p.set('q', s.q);
  if (s.agencyId) p.set('agencyId', s.agencyId);
  if (s.kind) p.set('kind', s.kind);
  if (s.what !== 'all') p.set('what', s.what);
  if (page > 1) p.set('page', String(page));
  return `${COUNTY}/search?${p.toString()}`;
}

function powersTable(items: readonly CountyPower[]): SafeHtml {
  return items.length === 0
    ? html`<p>没有符合条件的事项。</p>`
    : html`<div class="scroll">
        <table>
          <caption>
            权责清单事项
          </caption>
          <thead>
            <tr>
              <th scope="col">编码</th>
              <th scope="col">事项名称</th>
              <th scope="col">类别</th>
              <th scope="col">执法机关</th>
            </tr>
          </thead>
          <tbody>
            ${items.map(
              (p) =>
                html`<tr>
                  <td>${p.code}</td>
                  <th scope="row">
                    <a href="${agencyPath({ id: p.countyAgencyId })}/powers/${p.itemId}">${p.name}</a>
                  </th>
                  <td>${actionKindLabels[p.kind]}</td>
                  <td>${p.agencyName}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>`;
}

/** 跨机关检索: publications and power-list items of every registered agency. */
export function countySearchPage(
  agencies: readonly CountyAgency[],
  s: SearchState,
  found: { publications: Paged<CountyPublication> | null; powers: Paged<CountyPower> | null },
  errors: readonly { path: string; message: string }[] = [],
): SafeHtml {
  const most = Math.max(found.publications?.total ?? 0, found.powers?.total ?? 0);
  const pageSize = found.publications?.pageSize ?? found.powers?.pageSize ?? 20;
  return layout(
    { title: '跨机关检索', current: `${COUNTY}/search`, nav: countyNav },
    html`<nav aria-label="当前位置" class="noprint"><a href="/">首页</a> › 跨机关检索</nav>
      <h1>跨机关检索</h1>
      ${searchForm(agencies, s)}
      ${errors.length > 0 ? html`<div class="result bad" role="alert">${errors.map((e) => html`<p>${e.message}</p>`)}</div>` : null}
      ${
        found.publications
          ? html`<section aria-labelledby="found-publications">
              <h2 id="found-publications">公示信息（${found.publications.total} 条）</h2>
              ${publicationsTable(found.publications.items, '公示信息检索结果')}
            </section>`
          : null
      }
      ${
        found.powers
          ? html`<section aria-labelledby="found-powers">
              <h2 id="found-powers">权责清单事项（${found.powers.total} 项）</h2>
              ${powersTable(found.powers.items)}
            </section>`
          : null
      }
      ${pager(s.page, most, pageSize, (p) => href(s, p))}`,
  );
}
