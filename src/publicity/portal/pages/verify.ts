import { html, type SafeHtml } from '../html.ts';
import { layout } from '../layout.ts';
import { verifyResultHtml, type VerifyOutcome } from './verify-result.ts';

/** The script that verifies in the browser (web/src/portal/verify.ts, built into web/dist/portal/). */
export const VERIFY_SCRIPT = '/portal/verify.js';

/**
 * 记录核验: paste a verification code (or a file's SHA-256), or choose a file. Without JavaScript the code
 * form still works — the server looks the code up and says so; with it, the browser hashes the file
 * itself, fetches the inclusion proof and the signed checkpoint, and checks them before saying anything.
 */
export function verifyPage(query: string, outcome: VerifyOutcome | null): SafeHtml {
  return layout(
    {
      title: '记录核验',
      current: '/verify',
      description: '核验执法文书、证据文件或核验码是否记录在不可篡改的记录日志中',
      scripts: [VERIFY_SCRIPT],
    },
    html`<h1>记录核验</h1>
      <p class="lead">
        核对一份执法文书或证据文件是否记录在本平台不可篡改的记录日志中，何时由哪个机关记录。核对由您的浏览器完成，不必相信本网站的一面之词。
      </p>
      <form class="stack" method="get" action="/verify" id="code-form">
        <label for="code">核验码或文件的 SHA-256</label>
        <input
          type="text"
          id="code"
          name="code"
          value="${query}"
          maxlength="80"
          autocomplete="off"
          spellcheck="false"
          aria-describedby="code-hint"
        />
        <p class="hint" id="code-hint">
          核验码印在文书上，形如 SX-1024-7K3QZD，不区分大小写；也可粘贴文件的 64 位十六进制 SHA-256 值。
        </p>
        <button type="submit">核验</button>
      </form>
      <form class="stack" id="file-form">
        <label for="file">或选择文件</label>
        <input type="file" id="file" name="file" aria-describedby="file-hint" />
        <p class="hint" id="file-hint">
          文件不会上传：浏览器在您的设备上计算文件的 SHA-256 指纹，只用指纹查找。
        </p>
        <noscript
          ><p class="hint">核验文件需要启用 JavaScript；也可以在上面粘贴文件的 SHA-256 值。</p></noscript
        >
      </form>
      <div id="result" role="status" aria-live="polite">${outcome ? verifyResultHtml(outcome) : null}</div>
      <section aria-labelledby="how">
        <h2 id="how">核验的原理</h2>
        <p>
          平台的每一次记录都写入一本只能追加的记录日志（Merkle 树，RFC
          6962）。日志定期发布由平台密钥签名的检查点；浏览器取得某条记录的包含证明后，自己计算出树根并与签名检查点比对。记录一旦被删改，证明就无法通过。日志公开在
          <a href="/log/checkpoint">/log/checkpoint</a>，验证公钥在
          <a href="/log/key">/log/key</a>，任何人都可以用独立的工具复核。
        </p>
      </section>`,
  );
}
