import { lifecycleKinds, lifecycles } from '../../../cases/lifecycles/index.ts';
import { actionKindLabels, actionKinds, type ActionKind } from '../../../powers/action-kinds.ts';
import { circumstanceLabels } from '../../../powers/discretion.rules.ts';
import type { PublishedPower } from '../../../powers/power-list.schema.ts';
import { html, type SafeHtml } from '../html.ts';
import { layout, type NavItem } from '../layout.ts';
import type { PublicAgency } from '../portal.service.ts';

/**
 * Where the pages link to: this portal's own agencies by default; the county portal shows an agency it
 * supervises under its own paths and sections (src/county/portal/), without the service guide it is not sent.
 */
export interface PowerPlace {
  home: string;
  /** The agency's page; its power list is at `${agency}/powers`. */
  agency: string;
  nav?: readonly NavItem[];
  current?: string;
  guide: boolean;
  /** Shown after the item's facts (the county's flowcharts). */
  extra?: SafeHtml;
}

const ownPlace = (agency: PublicAgency): PowerPlace => ({
  home: '/',
  agency: `/agencies/${agency.id}`,
  current: '/powers',
  guide: true,
});

/** The power list (权责清单, S-2) as the public sees it: the versions in force today, with search. */
export interface PowerSearch {
  q: string;
  kind: ActionKind | undefined;
}

const crumbs = (agency: PublicAgency, at: PowerPlace, last?: SafeHtml | string) =>
  html`<nav aria-label="当前位置" class="noprint">
    <a href="${at.home}">首页</a> › <a href="${at.agency}">${agency.name}</a> ›
    ${last ? html`<a href="${at.agency}/powers">权责清单</a> › ${last}` : '权责清单'}
  </nav>`;

const placeOptions = (at: PowerPlace) => ({
  ...(at.current ? { current: at.current } : {}),
  ...(at.nav ? { nav: at.nav } : {}),
});

export function timeLimitText(t: PublishedPower['timeLimit']): string {
  const days =
    t.days === null ? '无固定时限' : `${t.days} 个${t.dayKind === 'working' ? '工作日' : '自然日'}`;
  return t.note ? `${days}（${t.note}）` : days;
}

const yuan = (fen: number) => `${(fen / 100).toLocaleString('zh-CN', { maximumFractionDigits: 2 })} 元`;

export function powersPage(
  agency: PublicAgency,
  search: PowerSearch,
  items: readonly PublishedPower[],
  total: number,
  today: string,
  at: PowerPlace = ownPlace(agency),
  exportLink?: string,
): SafeHtml {
  const searching = search.q !== '' || search.kind !== undefined;
  return layout(
    { title: `${agency.name} 权责清单`, ...placeOptions(at) },
    html`${crumbs(agency, at)}
      <h1>${agency.name} 权责清单</h1>
      <p class="lead">${today} 施行的执法事项：事项名称、类别、法律依据、承办机构和办理时限。</p>
      <form class="stack noprint" method="get" action="${at.agency}/powers" role="search">
        <label for="q">按事项名称或编码搜索</label>
        <input type="text" id="q" name="q" value="${search.q}" maxlength="50" />
        <label for="kind">事项类别</label>
        <select id="kind" name="kind">
          <option value="">全部类别</option>
          ${actionKinds.map(
            (k) =>
              html`<option value="${k}" ${search.kind === k ? html`selected` : null}>
                ${actionKindLabels[k]}
              </option>`,
          )}
        </select>
        <button type="submit">搜索</button>
      </form>
      <p role="status">
        ${searching ? html`找到 ${total} 项。<a href="${at.agency}/powers">查看全部</a>` : `共 ${total} 项。`}
      </p>
      ${exportLink ? html`<p class="noprint"><a href="${exportLink}" download>导出 Excel</a></p>` : null}
      ${
        items.length === 0
          ? html`<p>没有符合条件的事项。</p>`
          : html`<div class="scroll">
              <table>
                <caption>
                  ${agency.name} 权责清单${searching ? '（搜索结果）' : ''}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">编码</th>
                    <th scope="col">事项名称</th>
                    <th scope="col">类别</th>
                    <th scope="col">法律依据</th>
                    <th scope="col">承办机构</th>
                    <th scope="col">办理时限</th>
                  </tr>
                </thead>
                <tbody>
                  ${items.map(
                    (p) =>
                      html`<tr>
                        <td>${p.code}</td>
                        <th scope="row"><a href="${at.agency}/powers/${p.itemId}">${p.name}</a></th>
                        <td>${actionKindLabels[p.kind]}</td>
                        <td>${p.legalBases.map((b) => html`<div>《${b.law}》${b.article}</div>`)}</td>
                        <td>${p.unitName ?? agency.name}</td>
                        <td>${timeLimitText(p.timeLimit)}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
      }`,
  );
}

export function powerPage(
  agency: PublicAgency,
  p: PublishedPower,
  at: PowerPlace = ownPlace(agency),
): SafeHtml {
  return layout(
    { title: `${p.name} - ${agency.name}`, ...placeOptions(at) },
    html`${crumbs(agency, at, p.name)}
      <h1>${p.name}</h1>
      <p><span class="kind">${actionKindLabels[p.kind]}</span> 事项编码 ${p.code}</p>
      <dl class="facts">
        <dt>实施机关</dt>
        <dd>${agency.name}</dd>
        <dt>承办机构</dt>
        <dd>${p.unitName ?? agency.name}</dd>
        <dt>办理时限</dt>
        <dd>${timeLimitText(p.timeLimit)}</dd>
        <dt>收费标准</dt>
        <dd>${p.fees}</dd>
        <dt>监督渠道</dt>
        <dd>${p.supervision}</dd>
        <dt>本版施行</dt>
        <dd>${p.effectiveFrom}（第 ${p.version} 版：${p.reason}）</dd>
        <dt>随机抽查</dt>
        <dd>${p.randomInspection ? '列入随机抽查事项清单' : '否'}</dd>
      </dl>
      <ul class="noprint">
        ${
          at.guide
            ? html`<li>
                <a href="${at.agency}/powers/${p.itemId}/guide">服务指南</a
                >（办理条件、申请材料、办理地点、咨询电话）
              </li>`
            : null
        }
        ${lifecycleKinds
          .filter((k) => lifecycles[k].actionKind === p.kind)
          .map((k) => html`<li><a href="/flowcharts/${k}">${lifecycles[k].label}流程图</a></li>`)}
      </ul>
      ${at.extra}
      <section aria-labelledby="bases">
        <h2 id="bases">法律依据</h2>
        ${p.legalBases.map(
          (b) =>
            html`<h3>《${b.law}》${b.article}</h3>
              <p>${b.text}</p>
              <p class="hint">施行日期 ${b.inForceFrom}${b.inForceTo ? `，失效日期 ${b.inForceTo}` : ''}</p>`,
        )}
      </section>
      <section aria-labelledby="procedure">
        <h2 id="procedure">办理流程</h2>
        <p style="white-space:pre-line">${p.procedure}</p>
      </section>
      <section aria-labelledby="remedies">
        <h2 id="remedies">救济途径</h2>
        <p>
          对决定不服的，可以自知道之日起 ${p.remedies.reconsiderationDays} 日内向
          ${p.remedies.reconsiderationBody} 申请行政复议，或者在 ${p.remedies.litigationMonths} 个月内向
          ${p.remedies.court} 提起行政诉讼。
        </p>
      </section>
      ${
        p.randomInspection
          ? html`<section aria-labelledby="random">
              <h2 id="random">随机抽查</h2>
              <dl class="facts">
                <dt>抽查内容</dt>
                <dd>${p.randomInspection.content}</dd>
                <dt>抽查方式</dt>
                <dd>${p.randomInspection.method}</dd>
                <dt>抽查依据</dt>
                <dd>${p.randomInspection.basis}</dd>
              </dl>
            </section>`
          : null
      }
      ${
        p.benchmarks.length > 0
          ? html`<section aria-labelledby="benchmarks">
              <h2 id="benchmarks">裁量基准</h2>
              <div class="scroll">
                <table>
                  <caption>
                    ${p.name} 裁量基准
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">裁量阶次</th>
                      <th scope="col">适用情形</th>
                      <th scope="col">罚款幅度</th>
                      <th scope="col">其他处理</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${p.benchmarks.map(
                      (b) =>
                        html`<tr>
                          <th scope="row">${circumstanceLabels[b.circumstance]}</th>
                          <td>${b.description}</td>
                          <td>
                            ${
                              b.minFen === null || b.maxFen === null
                                ? '不予罚款'
                                : `${yuan(b.minFen)} 至 ${yuan(b.maxFen)}`
                            }
                          </td>
                          <td>${b.measures}</td>
                        </tr>`,
                    )}
                  </tbody>
                </table>
              </div>
            </section>`
          : null
      }`,
  );
}
