import { html, type SafeHtml } from '../html.ts';
import { layout } from '../layout.ts';
import type { PublicAgency } from '../portal.service.ts';
import { agencyKindLabel } from './home.ts';

/**
 * An agency's public page. Its sections are the ex-ante publicity of issue 4 (power list, officers,
 * publications); until those areas exist each says so rather than linking nowhere.
 */
export const agencySections: readonly {
  id: string;
  title: string;
  empty: string;
  link?: { path: string; label: string };
}[] = [
  {
    id: 'powers',
    title: '权责清单',
    empty: '权责清单即将公开。',
    link: { path: 'powers', label: '查看本机关的权责清单（执法事项、法律依据、流程与时限）' },
  },
  {
    id: 'officers',
    title: '执法人员',
    empty: '持证执法人员名单即将公开。',
    link: { path: 'officers', label: '查看本机关的持证执法人员，核验执法证' },
  },
  { id: 'publications', title: '执法决定公示', empty: '执法决定公示即将上线。' },
];

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
            <p>
              ${s.link ? html`<a href="/agencies/${agency.id}/${s.link.path}">${s.link.label}</a>` : s.empty}
            </p>
          </section> `,
      )}`,
  );
}
