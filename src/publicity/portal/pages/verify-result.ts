import { eventKindLabel } from '../../../labels.ts';
import { formatBeijingTime, recordedSentence } from '../format.ts';
import { html, type SafeHtml } from '../html.ts';

/**
 * The result box of the verification page, rendered the same way by the server (a code submitted without
 * JavaScript) and by the page's script (after the browser checked the proof itself). Browser-safe.
 */
export type VerifyOutcome =
  | { status: 'working'; message: string }
  | { status: 'invalid'; message: string }
  | { status: 'not-found'; message: string }
  | { status: 'failed'; message: string }
  | {
      status: 'verified';
      /** Who checked the proof: the reader's browser, or only the server (no JavaScript). */
      by: 'browser' | 'server';
      index: number;
      code: string;
      time: string;
      agencyName: string | null;
      kind: string;
      size: number;
      fileSha256?: string;
      /** The checkpoint's Ed25519 signature, when the browser could check it. */
      signature?: 'valid' | 'unchecked';
    };

export function verifyResultHtml(outcome: VerifyOutcome): SafeHtml {
  switch (outcome.status) {
    case 'working':
      return html`<div class="result"><p>${outcome.message}</p></div>`;
    case 'invalid':
      return html`<div class="result bad">
        <p class="big">无法核验</p>
        <p>${outcome.message}</p>
      </div>`;
    case 'not-found':
      return html`<div class="result bad">
        <p class="big">记录日志中没有找到</p>
        <p>${outcome.message}</p>
      </div>`;
    case 'failed':
      return html`<div class="result bad">
        <p class="big">核验未通过</p>
        <p>${outcome.message}</p>
        <p>请勿信任该记录，并向记录机关或上级执法监督机关反映。</p>
      </div>`;
    case 'verified':
      return html`<div class="result ${outcome.by === 'browser' ? 'ok' : ''}">
        <p class="big">
          ${outcome.by === 'browser' ? '✓ 已核验：' : '已查到：'}${recordedSentence(outcome.time, outcome.agencyName, outcome.index)}
        </p>
        <p>
          ${
            outcome.by === 'browser'
              ? `您的浏览器已用包含证明核对：该条目在第 ${outcome.size} 条为止的记录日志签名检查点中${outcome.signature === 'valid' ? '，且检查点签名有效' : ''}。`
              : '以上为服务器的查询结果；启用 JavaScript 后，您的浏览器会用包含证明独立核验。'
          }
        </p>
        <dl class="facts">
          <dt>核验码</dt>
          <dd>${outcome.code}</dd>
          <dt>记录时间</dt>
          <dd>${formatBeijingTime(outcome.time)}（北京时间）</dd>
          <dt>记录机关</dt>
          <dd>${outcome.agencyName ?? '（平台）'}</dd>
          <dt>事项</dt>
          <dd>${eventKindLabel(outcome.kind)}</dd>
          ${
            outcome.fileSha256
              ? html`<dt>文件 SHA-256</dt>
                  <dd>${outcome.fileSha256}</dd>`
              : null
          }
        </dl>
      </div>`;
  }
}
