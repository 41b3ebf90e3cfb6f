import { html, type SafeHtml } from '../html.ts';
import { layout } from '../layout.ts';
import type { PublicAgency } from '../portal.service.ts';
import { agencyKindLabel } from './home.ts';

/**
 * An agency's public page. Its sections are the ex-ante publicity of issue 4 (power list, officers,
 * publications); until those areas exist each says so rather than linking nowhere.
 */
export const agencySections = [
  { id: 'powers', title: '权责清单', empty: '权责清单即将公开。' },
  { id: 'officers', title: '执法人员', empty: '持证执法人员名单即将公开。' },
  { id: 'publications', title: '执法决定公示', empty: '执法决定公示即将上线。' },
] as const;

export function agencyPage(agency: PublicAgency): SafeHtml {
  return layout(
    { title: agency.name },
    html`<nav aria-label="当前位置" class="noprint"><a href="/">首页</a> › ${agency.name}</nav>
      <h1>${agency.name}</h1>
      <p><span class="kind">${agencyKindLabel[agency.kind]}</span></p>
      ${agencySections.map(
        (s) =>
          html`<section aria-labelledby="${s.id}">
            <h2 id="${s.id}">${s.title}</h2>
            <p>${s.empty}</p>
          </section> `,
      )}`,
  );
}
