import { actionKindLabels } from '../../../powers/action-kinds.ts';
import type { PublishedPower } from '../../../powers/power-list.schema.ts';
import { materialFormLabels, type ServiceGuide } from '../../../powers/service-guide.schema.ts';
import { formatBeijingTime } from '../format.ts';
import { html, type SafeHtml } from '../html.ts';
import { layout } from '../layout.ts';
import type { PublicAgency } from '../portal.service.ts';
import { timeLimitText } from './powers.ts';

/**
 * 服务指南 (S-2.2) of one item: conditions, materials, where, when and whom to ask from the guide; the
 * time limit and the fees from the item's version in force (one source for both pages).
 */
export function serviceGuidePage(
  agency: PublicAgency,
  p: PublishedPower,
  guide: ServiceGuide | null,
): SafeHtml {
  const itemHref = `/agencies/${agency.id}/powers/${p.itemId}`;
  return layout(
    { title: `${p.name} 服务指南 - ${agency.name}`, current: '/powers' },
    html`<nav aria-label="当前位置" class="noprint">
        <a href="/">首页</a> › <a href="/agencies/${agency.id}">${agency.name}</a> ›
        <a href="/agencies/${agency.id}/powers">权责清单</a> › <a href="${itemHref}">${p.name}</a> › 服务指南
      </nav>
      <h1>${p.name} 服务指南</h1>
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
        ${
          guide
            ? html`<dt>办理地点</dt>
                <dd>${guide.place}</dd>
                <dt>办理时间</dt>
                <dd>${guide.hours}</dd>
                <dt>咨询电话</dt>
                <dd>${guide.contact}</dd>
                ${
                  guide.onlineUrl
                    ? html`<dt>网上办理</dt>
                        <dd><a href="${guide.onlineUrl}" rel="noopener">${guide.onlineUrl}</a></dd>`
                    : null
                }`
            : null
        }
      </dl>
      ${
        guide
          ? html`<section aria-labelledby="conditions">
                <h2 id="conditions">办理条件</h2>
                <p style="white-space:pre-line">${guide.conditions}</p>
              </section>
              <section aria-labelledby="materials">
                <h2 id="materials">申请材料</h2>
                ${
                  guide.materials.length === 0
                    ? html`<p>无需提交材料。</p>`
                    : html`<div class="scroll">
                        <table>
                          <caption>
                            ${p.name} 申请材料
                          </caption>
                          <thead>
                            <tr>
                              <th scope="col">序号</th>
                              <th scope="col">材料名称</th>
                              <th scope="col">形式</th>
                              <th scope="col">份数</th>
                              <th scope="col">说明</th>
                            </tr>
                          </thead>
                          <tbody>
                            ${guide.materials.map(
                              (m, i) =>
                                html`<tr>
                                  <td>${i + 1}</td>
                                  <th scope="row">${m.name}</th>
                                  <td>${materialFormLabels[m.form]}</td>
                                  <td>${m.copies}</td>
                                  <td>${m.note}</td>
                                </tr>`,
                            )}
                          </tbody>
                        </table>
                      </div>`
                }
              </section>
              ${
                guide.note
                  ? html`<section aria-labelledby="note">
                      <h2 id="note">其他说明</h2>
                      <p style="white-space:pre-line">${guide.note}</p>
                    </section>`
                  : null
              }
              <p class="hint">
                第 ${guide.revision} 次修订，更新于 ${formatBeijingTime(guide.createdAt).slice(0, 10)}。
              </p>`
          : html`<p role="status">本事项的服务指南尚未公布，请咨询 ${p.unitName ?? agency.name}。</p>`
      }
      <p class="noprint"><a href="${itemHref}">查看事项的法律依据和办理流程</a></p>`,
  );
}
