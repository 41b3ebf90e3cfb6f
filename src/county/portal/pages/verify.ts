import { eventKindLabel } from '../../../labels.ts';
import { formatBeijingTime } from '../../../publicity/portal/format.ts';
import { html, type SafeHtml } from '../../../publicity/portal/html.ts';
import { layout } from '../../../publicity/portal/layout.ts';
import type { CountyAgency, VerifyAnswer } from '../county-portal.schema.ts';
import { COUNTY, countyNav } from './place.ts';

export type CountyVerifyOutcome = VerifyAnswer | { status: 'invalid'; message: string };

const titles: Record<CountyVerifyOutcome['status'], string> = {
  verified: '✓ 已核验',
  'not-found': '记录日志中没有找到',
  failed: '核验未通过',
  unreachable: '暂时无法核验：机关无法访问',
  'not-witnessed': '暂时无法核验：尚未见证',
  invalid: '无法核验',
};

export function countyVerifyResult(o: CountyVerifyOutcome): SafeHtml {
  const tried = 'tried' in o && o.tried.length > 1 ? o.tried : [];
  return html`<div class="result ${o.status === 'verified' ? 'ok' : 'bad'}" data-status="${o.status}">
    <p class="big">${titles[o.status]}</p>
    <p>${o.message}</p>
    ${
      o.status === 'verified' && o.entry && o.agency
        ? html`<dl class="facts">
            <dt>核验码</dt>
            <dd>${o.code}</dd>
            <dt>记录机关</dt>
            <dd>${o.agency.name}</dd>
            <dt>记录时间</dt>
            <dd>${formatBeijingTime(o.entry.time)}（北京时间）</dd>
            <dt>事项</dt>
            <dd>${eventKindLabel(o.entry.kind)}</dd>
            <dt>日志序号</dt>
            <dd>第 ${(o.index ?? 0) + 1} 条</dd>
            ${
              o.entry.fileSha256
                ? html`<dt>文件 SHA-256</dt>
                    <dd>${o.entry.fileSha256}</dd>`
                : null
            }
            ${
              o.witnessed
                ? html`<dt>见证的检查点</dt>
                    <dd>${o.witnessed.origin}，${o.witnessed.size} 条，树根 ${o.witnessed.rootHash}</dd>`
                : null
            }
          </dl>`
        : null
    }
    ${o.status === 'failed' ? html`<p>请勿信任该记录，并向本平台（执法监督机关）反映。</p>` : null}
    ${
      tried.length > 0
        ? html`<details>
            <summary>逐一询问的执法机关（${tried.length} 个）</summary>
            <ul>
              ${tried.map((t) => html`<li>${t.name}：${t.outcome}</li>`)}
            </ul>
          </details>`
        : null
    }
  </div>`;
}

/**
 * 记录核验 for every registered agency's codes: the county asks the agency for the proof and checks it
 * against the checkpoint its own witness cosigned (county-verify.service.ts). Works without JavaScript.
 */
export function countyVerifyPage(
  agencies: readonly CountyAgency[],
  state: { code: string; agencyId?: string | undefined },
  outcome: CountyVerifyOutcome | null,
): SafeHtml {
  return layout(
    {
      title: '记录核验',
      current: `${COUNTY}/verify`,
      nav: countyNav,
      description: '核验全县任一执法机关的执法文书核验码是否记录在该机关不可篡改的记录日志中',
    },
    html`<h1>记录核验</h1>
      <p class="lead">
        核对任一执法机关文书上的核验码：本平台向该机关取得这条记录的包含证明，并与本平台见证过的该机关记录日志检查点比对。机关事后改写自己的记录日志，核验就不会通过。
      </p>
      <form class="stack" method="get" action="${COUNTY}/verify" id="code-form">
        <label for="code">核验码或文件的 SHA-256</label>
        <input
          type="text"
          id="code"
          name="code"
          value="${state.code}"
          maxlength="80"
          autocomplete="off"
          spellcheck="false"
          aria-describedby="code-hint"
        />
        <p class="hint" id="code-hint">
          核验码印在文书上，形如 SX-1024-7K3QZD，不区分大小写；也可粘贴文件的 64 位十六进制 SHA-256 值。
        </p>
        <label for="agencyId">记录机关</label>
        <select id="agencyId" name="agencyId">
          <option value="">不清楚（逐一询问各机关）</option>
          ${agencies.map(
            (a) =>
              html`<option value="${a.id}" ${state.agencyId === a.id ? html`selected` : null}>
                ${a.name}
              </option>`,
          )}
        </select>
        <button type="submit">核验</button>
      </form>
      <div id="result" role="status" aria-live="polite">${outcome ? countyVerifyResult(outcome) : null}</div>
      <section aria-labelledby="how">
        <h2 id="how">核验的原理</h2>
        <p>
          各执法机关的每一次记录都写入本机关只能追加的记录日志（Merkle 树，RFC
          6962），日志的每个新检查点都提交本平台见证。核验时，本平台取得记录的包含证明，自己计算树根，与本平台见证并联署过的检查点比对（不采信机关的一面之词）。本平台的见证公钥在
          <a href="/witness/key">/witness/key</a>。
        </p>
      </section>`,
  );
}
