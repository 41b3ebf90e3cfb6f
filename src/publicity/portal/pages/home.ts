import { html, type SafeHtml } from '../html.ts';
import { PORTAL_NAME, layout } from '../layout.ts';
import type { PublicAgency } from '../portal.service.ts';

export const agencyKindLabel: Record<PublicAgency['kind'], string> = {
  enforcement: '行政执法机关',
  supervision: '执法监督机关',
};

export function homePage(agencies: readonly PublicAgency[]): SafeHtml {
  return layout(
    {
      title: PORTAL_NAME,
      current: '/',
      description: '行政执法机关的执法主体、权责清单、执法人员与执法决定公示',
    },
    html`<h1>${PORTAL_NAME}</h1>
      <p class="lead">
        在这里查看各行政执法机关的事前公开信息、执法人员和执法决定，并核验执法文书和执法记录是否真实、未被改动。
      </p>
      <section aria-labelledby="agencies">
        <h2 id="agencies">执法机关</h2>
        ${
          agencies.length === 0
            ? html`<p>暂无公开的执法机关。</p>`
            : html`<ul class="cards">
                ${agencies.map(
                  (a) =>
                    html`<li>
                      <a href="/agencies/${a.id}">${a.name}</a><br /><span class="kind"
                        >${agencyKindLabel[a.kind]}</span
                      >
                    </li> `,
                )}
              </ul>`
        }
      </section>
      <section aria-labelledby="verify">
        <h2 id="verify">核验执法记录</h2>
        <p>
          手中有执法文书或证据文件，或文书上印有核验码（如 SX-1024-7K3QZD）？<a href="/verify"
            >到记录核验页面</a
          >，由您的浏览器自行核对它是否记录在案、何时由哪个机关记录。
        </p>
      </section>`,
  );
}
