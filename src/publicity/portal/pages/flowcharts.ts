import { actionKindLabels } from '../../../powers/action-kinds.ts';
import type { Lifecycle } from '../../../cases/lifecycles/index.ts';
import { flowchartSvg, layoutFlowchart } from '../../flowchart.ts';
import { html, raw, type SafeHtml } from '../html.ts';
import { layout } from '../layout.ts';

/**
 * 执法流程图 (S-2.2): one flowchart per kind of action, drawn from the lifecycle the case service enforces
 * (src/cases/lifecycles), with the same steps as a table (readable without the picture, and with each
 * step's legal basis).
 */

const FLOW_STYLE =
  'figure.flow{margin:1rem 0}svg.flowchart{display:block;margin:0 auto;max-width:none}' +
  '@media print{svg.flowchart{max-width:100%;height:auto;page-break-inside:avoid}.scroll{overflow:visible}}';

export function flowchartsPage(all: readonly Lifecycle[]): SafeHtml {
  return layout(
    { title: '执法流程图', current: '/flowcharts' },
    html`<h1>执法流程图</h1>
      <p class="lead">
        各类行政执法行为的办理流程。流程图由系统实际执行的办案流程生成，公示的流程即正在执行的流程。
      </p>
      <ul class="cards">
        ${all.map(
          (l) =>
            html`<li>
              <a href="/flowcharts/${l.kind}">${l.label}</a>
              <p class="hint">
                ${actionKindLabels[l.actionKind]}，${l.states.length} 个环节、${l.transitions.length} 个步骤
              </p>
            </li>`,
        )}
      </ul>`,
  );
}

export function flowchartPage(l: Lifecycle): SafeHtml {
  const label = (id: string) => l.states.find((s) => s.id === id)?.label ?? id;
  const svg = flowchartSvg(
    layoutFlowchart(l),
    `${l.label}流程图`,
    `自“${label(l.initial)}”开始，经 ${l.transitions.length} 个步骤办理；各步骤见下表。`,
  );
  return layout(
    { title: `${l.label}流程图`, current: '/flowcharts' },
    html`<nav aria-label="当前位置" class="noprint">
        <a href="/">首页</a> › <a href="/flowcharts">执法流程图</a> › ${l.label}
      </nav>
      <h1>${l.label}流程图</h1>
      <p class="hint noprint">使用浏览器的打印功能即可打印本页（流程图和步骤表）。</p>
      <style>
        ${raw(FLOW_STYLE)}
      </style>
      <figure class="flow">
        <div class="scroll">${raw(svg)}</div>
        <figcaption class="hint">粗框为起始环节，双框为结束环节；箭头上为办理步骤。</figcaption>
      </figure>
      <section aria-labelledby="steps">
        <h2 id="steps">办理步骤及依据</h2>
        <div class="scroll">
          <table>
            <caption>
              ${l.label}各步骤
            </caption>
            <thead>
              <tr>
                <th scope="col">序号</th>
                <th scope="col">从</th>
                <th scope="col">步骤</th>
                <th scope="col">到</th>
                <th scope="col">依据</th>
              </tr>
            </thead>
            <tbody>
              ${l.transitions.map(
                (t, i) =>
                  html`<tr>
                    <td>${i + 1}</td>
                    <td>${label(t.from)}</td>
                    <th scope="row">${t.label}</th>
                    <td>${label(t.to)}</td>
                    <td>${t.basis}</td>
                  </tr>`,
              )}
            </tbody>
          </table>
        </div>
      </section>`,
  );
}
