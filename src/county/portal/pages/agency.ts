import { lifecycleKinds, lifecycles } from '../../../cases/lifecycles/index.ts';
import { flowchartSvg, layoutFlowchart } from '../../../publicity/flowchart.ts';
import { html, raw, type SafeHtml } from '../../../publicity/portal/html.ts';
import { layout } from '../../../publicity/portal/layout.ts';
import { agencyKindLabel } from '../../../publicity/portal/pages/home.ts';
import type { CountyAgency, CountyOfficer, CountyPower } from '../county-portal.schema.ts';
import { COUNTY, agencyPath, countyNav, levelLabels } from './place.ts';

const crumbs = (a: CountyAgency, last?: string) =>
  html`<nav aria-label="当前位置" class="noprint">
    <a href="/">首页</a> › <a href="${COUNTY}/agencies">执法机关</a> ›
    ${last ? html`<a href="${agencyPath(a)}">${a.name}</a> › ${last}` : a.name}
  </nav>`;

/** A registered agency: what it pushed about itself, and its sections. */
export function countyAgencyPage(
  a: CountyAgency,
  counts: { powers: number; officers: number; publications: number },
): SafeHtml {
  return layout(
    { title: a.name, current: `${COUNTY}/agencies`, nav: countyNav },
    html`${crumbs(a)}
      <h1>${a.name}</h1>
      <dl class="facts">
        <dt>统一社会信用代码</dt>
        <dd>${a.creditCode}</dd>
        ${
          a.kind
            ? html`<dt>类别</dt>
                <dd>${agencyKindLabel[a.kind]}</dd>`
            : null
        }
        ${
          a.level
            ? html`<dt>层级</dt>
                <dd>${levelLabels[a.level] ?? a.level}</dd>`
            : null
        }
        ${
          a.shortName
            ? html`<dt>简称</dt>
                <dd>${a.shortName}</dd>`
            : null
        }
        <dt>本机关公示平台</dt>
        <dd><a href="${a.baseUrl}/">${a.baseUrl}</a></dd>
        <dt>记录日志</dt>
        <dd>${a.logOrigin}</dd>
        ${
          a.suspended
            ? html`<dt>推送状态</dt>
                <dd>暂停接收推送（本平台显示的是暂停前推送的信息）</dd>`
            : null
        }
      </dl>
      <section aria-labelledby="powers">
        <h2 id="powers">权责清单</h2>
        <p><a href="${agencyPath(a)}/powers">共 ${counts.powers} 项执法事项（法律依据、流程图、时限）</a></p>
      </section>
      <section aria-labelledby="officers">
        <h2 id="officers">执法人员</h2>
        <p><a href="${agencyPath(a)}/officers">${counts.officers} 名持证执法人员</a></p>
      </section>
      <section aria-labelledby="publications">
        <h2 id="publications">执法决定公示</h2>
        <p><a href="${agencyPath(a)}/publications">${counts.publications} 条公示信息</a></p>
      </section>`,
  );
}

const FLOW_STYLE =
  'figure.flow{margin:1rem 0}svg.flowchart{display:block;margin:0 auto;max-width:none}' +
  '@media print{svg.flowchart{max-width:100%;height:auto;page-break-inside:avoid}.scroll{overflow:visible}}';

/**
 * The flowcharts of an item (S-2.2): as on the agency's portal, the lifecycles of the item's kind of action,
 * drawn here from the kind in the pushed version (the same software draws the same chart).
 */
export function itemFlowcharts(p: CountyPower): SafeHtml {
  const kinds = lifecycleKinds.filter((k) => lifecycles[k].actionKind === p.kind);
  if (kinds.length === 0) return html``;
  return html`<section aria-labelledby="flowcharts">
    <h2 id="flowcharts">执法流程图</h2>
    <style>
      ${raw(FLOW_STYLE)}
    </style>
    ${kinds.map((k, i) => {
      const l = lifecycles[k];
      const label = (id: string) => l.states.find((s) => s.id === id)?.label ?? id;
      const svg = flowchartSvg(
        layoutFlowchart(l),
        `${l.label}流程图`,
        `自“${label(l.initial)}”开始，经 ${l.transitions.length} 个步骤办理；各步骤见该流程图页面。`,
        `flow-${i}`,
      );
      return html`<figure class="flow">
        <div class="scroll">${raw(svg)}</div>
        <figcaption class="hint">
          ${l.label}流程图：粗框为起始环节，双框为结束环节；<a href="/flowcharts/${k}">各步骤及依据</a>
        </figcaption>
      </figure>`;
    })}
  </section>`;
}

/** The certified officers of an agency, by unit, with each certificate's state today. */
export function countyOfficersPage(
  a: CountyAgency,
  officers: readonly CountyOfficer[],
  today: string,
): SafeHtml {
  const units = new Map<string, CountyOfficer[]>();
  for (const o of officers) {
    const unit = o.unitName ?? a.name;
    units.set(unit, [...(units.get(unit) ?? []), o]);
  }
  return layout(
    { title: `${a.name} 执法人员`, current: `${COUNTY}/agencies`, nav: countyNav },
    html`${crumbs(a, '执法人员')}
      <h1>${a.name} 执法人员</h1>
      <p class="lead">
        持有行政执法证件的人员，按执法机构列出；状态为 ${today} 当日状态。执法证的详细核验请到<a
          href="${a.baseUrl}/officers"
          >本机关公示平台</a
        >。
      </p>
      ${officers.length === 0 ? html`<p>暂无持证执法人员。</p>` : null}
      ${[...units].map(
        ([unit, list], i) =>
          html`<section aria-labelledby="unit-${i}">
            <h2 id="unit-${i}">${unit}</h2>
            <div class="scroll">
              <table>
                <caption>
                  ${unit} 持证执法人员
                </caption>
                <thead>
                  <tr>
                    <th scope="col">姓名</th>
                    <th scope="col">职务</th>
                    <th scope="col">执法领域</th>
                    <th scope="col">执法证号</th>
                    <th scope="col">有效期</th>
                    <th scope="col">状态</th>
                  </tr>
                </thead>
                <tbody>
                  ${list.flatMap((o) =>
                    o.certificates.map(
                      (c) =>
                        html`<tr>
                          <th scope="row">${o.name}</th>
                          <td>${o.post}</td>
                          <td>${c.fieldLabels.join('、')}</td>
                          <td>${c.number}</td>
                          <td>${c.validFrom} 至 ${c.validTo}</td>
                          <td>${c.stateLabel}</td>
                        </tr>`,
                    ),
                  )}
                </tbody>
              </table>
            </div>
          </section>`,
      )}`,
  );
}
