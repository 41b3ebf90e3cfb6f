import { actionKindLabels, actionKinds } from '../../../powers/action-kinds.ts';
import { html, raw, type SafeHtml } from '../html.ts';
import { PORTAL_NAME } from '../layout.ts';
import type { ScreenData } from '../screen.service.ts';

/** Seconds between refreshes of the large screen (a meta refresh: no script needed). */
export const SCREEN_REFRESH = 60;

const STYLE = `
*{box-sizing:border-box}
html{font-size:clamp(16px,1.25vw,40px)}
body{margin:0;background:#0b1f3a;color:#fff;font-family:system-ui,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;line-height:1.5}
header{display:flex;justify-content:space-between;align-items:baseline;padding:1rem 2rem;background:#8b1a1a}
h1{margin:0;font-size:2rem}
.time{font-size:1.2rem}
main{display:grid;grid-template-columns:1fr 1.6fr;gap:1.5rem;padding:1.5rem 2rem}
h2{font-size:1.4rem;margin:0 0 .75rem;border-left:.4rem solid #ffd666;padding-left:.6rem}
section{background:#12305a;border-radius:.5rem;padding:1rem 1.25rem}
table{width:100%;border-collapse:collapse;font-size:1.05rem}
th,td{padding:.4rem .5rem;text-align:left;border-bottom:1px solid #2d4f80;vertical-align:top}
thead th{color:#ffd666;font-weight:600}
td.n{text-align:right;font-variant-numeric:tabular-nums;font-size:1.2rem;font-weight:700}
.big{font-size:3rem;font-weight:700;color:#ffd666;line-height:1.1}
.withdrawn{color:#ff9c9c}
footer{padding:0 2rem 1rem;color:#c8d6ea;font-size:.9rem}
@media (max-width:900px){main{grid-template-columns:1fr}}
`;

/**
 * The large screen for the service hall (服务大厅大屏): the power list in force by kind and the latest
 * publications, readable from across the hall, refreshing itself every minute without JavaScript.
 */
export function screenPage(data: ScreenData, now: string): SafeHtml {
  const total = data.agencies.reduce((n, a) => n + a.total, 0);
  return html`<!doctype html>
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta http-equiv="refresh" content="${SCREEN_REFRESH}" />
        <title>服务大厅公示屏 - ${PORTAL_NAME}</title>
        <link rel="icon" href="data:," />
        <style>
          ${raw(STYLE)}
        </style>
      </head>
      <body>
        <header>
          <h1>${PORTAL_NAME}</h1>
          <span class="time">更新于 ${now}</span>
        </header>
        <main>
          <section aria-labelledby="powers">
            <h2 id="powers">权责清单（现行）</h2>
            <p><span class="big">${total}</span> 项执法事项</p>
            <table>
              <caption style="text-align:left;color:#c8d6ea">
                各机关现行事项数（按类别）
              </caption>
              <thead>
                <tr>
                  <th scope="col">机关</th>
                  ${actionKinds.map((k) => html`<th scope="col">${actionKindLabels[k]}</th>`)}
                  <th scope="col">合计</th>
                </tr>
              </thead>
              <tbody>
                ${data.agencies.map(
                  (a) =>
                    html`<tr>
                      <th scope="row">${a.name}</th>
                      ${actionKinds.map((k) => html`<td class="n">${a.counts[k]}</td>`)}
                      <td class="n">${a.total}</td>
                    </tr>`,
                )}
              </tbody>
            </table>
          </section>
          <section aria-labelledby="publications">
            <h2 id="publications">最新公示（共 ${data.publicTotal} 条）</h2>
            ${
              data.publications.length === 0
                ? html`<p>暂无公示信息。</p>`
                : html`<table>
                    <thead>
                      <tr>
                        <th scope="col">决定日期</th>
                        <th scope="col">类别</th>
                        <th scope="col">当事人</th>
                        <th scope="col">决定</th>
                      </tr>
                    </thead>
                    <tbody>
                      ${data.publications.map(
                        (p) =>
                          html`<tr class="${p.status === 'withdrawn' ? 'withdrawn' : ''}">
                            <td>${p.decidedOn}</td>
                            <td>${actionKindLabels[p.kind]}</td>
                            <td>${p.partyName}</td>
                            <td>
                              ${p.title}${p.status === 'withdrawn' ? html`（已撤回：${p.withdrawalReason ?? ''}）` : null}
                            </td>
                          </tr>`,
                      )}
                    </tbody>
                  </table>`
            }
          </section>
        </main>
        <footer>本屏每 ${SCREEN_REFRESH} 秒自动刷新。查询详情请访问本平台网站或扫码查看。</footer>
      </body>
    </html>`;
}
