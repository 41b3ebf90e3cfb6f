import { html, raw, type HtmlValue, type SafeHtml } from './html.ts';

/**
 * The portal's one page frame: Chinese, landmarks (header, nav, main, footer) and a skip link; one small
 * stylesheet inline (no extra request on a slow phone); readable without JavaScript; a print style for
 * the service hall that drops the navigation and prints link targets. Colours keep a contrast of at
 * least 7:1 for text, and keyboard focus is always visible.
 */
export const PORTAL_NAME = '行政执法公示平台';

export interface NavItem {
  href: string;
  label: string;
}

/** The portal's sections. Issue 4 adds the power list, officers and publications here. */
export const portalNav: readonly NavItem[] = [
  { href: '/', label: '首页' },
  { href: '/powers', label: '权责清单' },
  { href: '/officers', label: '执法人员' },
  { href: '/publications', label: '公示信息' },
  { href: '/inspections', label: '双随机抽查' },
  { href: '/flowcharts', label: '执法流程' },
  { href: '/deadlines', label: '期限计算' },
  { href: '/verify', label: '记录核验' },
];

const STYLE = `
*,*::before,*::after{box-sizing:border-box}
html{font-size:106.25%;-webkit-text-size-adjust:100%}
body{margin:0;font-family:system-ui,-apple-system,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;line-height:1.7;color:#1a1a1a;background:#fff}
a{color:#0b4f9c}
a:hover{color:#06305f}
:focus-visible{outline:3px solid #c75100;outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem 1rem;z-index:1}
.skip:focus{left:.5rem}
header{background:#8b1a1a;color:#fff}
header .bar{max-width:60rem;margin:0 auto;padding:.75rem 1rem;display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:center}
header .site{color:#fff;font-weight:700;font-size:1.2rem;text-decoration:none}
header nav ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1rem}
header nav a{color:#fff}
header nav a[aria-current=page]{font-weight:700;text-decoration-thickness:3px}
header :focus-visible{outline-color:#ffd666}
main{max-width:60rem;margin:0 auto;padding:1rem}
h1{font-size:1.6rem;line-height:1.3;margin:.5rem 0 1rem}
h2{font-size:1.25rem;margin:1.5rem 0 .5rem}
.lead{color:#333}
ul.cards{list-style:none;padding:0;margin:0;display:grid;gap:.75rem;grid-template-columns:repeat(auto-fill,minmax(16rem,1fr))}
ul.cards li{border:1px solid #bbb;border-radius:6px;padding:.75rem 1rem}
.kind{display:inline-block;font-size:.85rem;color:#444;border:1px solid #888;border-radius:3px;padding:0 .35rem}
form.stack{display:grid;gap:.5rem;max-width:36rem}
label{font-weight:600}
input[type=text],input[type=file],select{font:inherit;padding:.5rem;border:2px solid #555;border-radius:4px;width:100%;background:#fff;color:#1a1a1a}
button{font:inherit;padding:.5rem 1.25rem;border:2px solid #0b4f9c;background:#0b4f9c;color:#fff;border-radius:4px;cursor:pointer;justify-self:start}
.hint{font-size:.9rem;color:#444;margin:0}
.result{border-left:6px solid #666;padding:.75rem 1rem;margin:1rem 0;background:#f6f6f6}
.result.ok{border-color:#1b6e2a;background:#eef7ef}
.result.bad{border-color:#a4111a;background:#fbeeee}
.result p{margin:.25rem 0}
.result .big{font-size:1.15rem;font-weight:700}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.1rem 1rem;margin:.5rem 0}
dl.facts dt{color:#444}dl.facts dd{margin:0;word-break:break-all}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}
.scroll>table{min-width:40rem}
.scroll th,.scroll td{min-width:4.5em}
.scroll tbody th:first-child{min-width:10em}
table{border-collapse:collapse;width:100%;margin:.5rem 0}
caption{text-align:left;font-weight:600;padding:.25rem 0}
th,td{border:1px solid #999;padding:.35rem .5rem;text-align:left;vertical-align:top}
thead th{background:#f0f0f0}
tbody th{font-weight:600}
footer{border-top:1px solid #ccc;margin-top:2rem}
footer .bar{max-width:60rem;margin:0 auto;padding:1rem;font-size:.9rem;color:#444}
@media print{
header{background:none;color:#000;border-bottom:2px solid #000}
header .site{color:#000}
header nav,.skip,.noprint,form{display:none}
a{color:#000;text-decoration:none}
main a[href^="/"]::after{content:" (" attr(href) ")";font-size:.8em}
.result{background:none}
}`;

export interface PageOptions {
  title: string;
  /** The path of the current section, marked in the navigation. */
  current?: string;
  description?: string;
  /** Small ES module scripts (the page works without them). */
  scripts?: readonly string[];
  /** Another set of sections (the county platform's portal: src/county/portal/); default portalNav. */
  nav?: readonly NavItem[];
}

export function layout(options: PageOptions, content: HtmlValue): SafeHtml {
  const title = options.title === PORTAL_NAME ? PORTAL_NAME : `${options.title} - ${PORTAL_NAME}`;
  return html`<!doctype html>
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title}</title>
        ${options.description ? html`<meta name="description" content="${options.description}" />` : null}
        <link rel="icon" href="data:," />
        <style>
          ${raw(STYLE)}
        </style>
      </head>
      <body>
        <a class="skip" href="#main">跳到正文</a>
        <header>
          <div class="bar">
            <a class="site" href="/">${PORTAL_NAME}</a>
            <nav aria-label="主导航">
              <ul>
                ${(options.nav ?? portalNav).map(
                  (item) =>
                    html`<li>
                      <a
                        href="${item.href}"
                        ${item.href === options.current ? raw(' aria-current="page"') : null}
                        >${item.label}</a
                      >
                    </li>`,
                )}
              </ul>
            </nav>
          </div>
        </header>
        <main id="main" tabindex="-1">${content}</main>
        <footer>
          <div class="bar">
            <p>
              本平台依据《关于全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的指导意见》公开行政执法信息。所有记录写入不可篡改的<a
                href="/verify"
                >记录日志</a
              >，任何人都可以核验。
            </p>
            <p class="noprint"><a href="/app/">工作人员入口</a></p>
          </div>
        </footer>
        ${(options.scripts ?? []).map((src) => html`<script type="module" src="${src}"></script>`)}
      </body>
    </html> `;
}
