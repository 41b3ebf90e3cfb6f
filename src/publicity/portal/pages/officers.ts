import { html, raw, type SafeHtml } from '../html.ts';
import { layout } from '../layout.ts';
import { publicCertificateLabels } from '../../../org/certificate.rules.ts';
import { fieldLabel, type PublicCertificate } from '../officers.service.ts';
import type { PublicAgency } from '../portal.service.ts';

/** The officers in public (S-2.1, S-3): certified officers by unit, a certificate's status, its card. */
const fieldsText = (fields: readonly string[]) => fields.map(fieldLabel).join('、');

export function officersPage(
  agency: PublicAgency,
  certs: readonly PublicCertificate[],
  today: string,
): SafeHtml {
  const units = new Map<string, PublicCertificate[]>();
  for (const c of certs) {
    const unit = c.unitName ?? agency.name;
    units.set(unit, [...(units.get(unit) ?? []), c]);
  }
  return layout(
    { title: `${agency.name} 执法人员`, current: '/officers' },
    html`<nav aria-label="当前位置" class="noprint">
        <a href="/">首页</a> › <a href="/agencies/${agency.id}">${agency.name}</a> › 执法人员
      </nav>
      <h1>${agency.name} 执法人员</h1>
      <p class="lead">
        持有行政执法证件的人员，按执法机构列出；状态为 ${today}
        当日状态。执法人员应当出示执法证件，您可以点击证号或扫描证件上的二维码核验。
      </p>
      ${certs.length === 0 ? html`<p>暂无持证执法人员。</p>` : null}
      ${[...units].map(
        ([unit, list], i) =>
          html`<section aria-labelledby="unit-${i}">
            <h2 id="unit-${i}">${unit}</h2>
            <div class="scroll">
              <table>
                <caption>
                  ${unit} 持证执法人员
                </caption>
                <thead>
                  <tr>
                    <th scope="col">姓名</th>
                    <th scope="col">职务</th>
                    <th scope="col">执法领域</th>
                    <th scope="col">执法证号</th>
                    <th scope="col">有效期</th>
                    <th scope="col">状态</th>
                  </tr>
                </thead>
                <tbody>
                  ${list.map(
                    (c) =>
                      html`<tr>
                        <th scope="row">${c.personName}</th>
                        <td>${c.post}</td>
                        <td>${fieldsText(c.fields)}</td>
                        <td><a href="/certificates/${c.number}">${c.number}</a></td>
                        <td>${c.validFrom} 至 ${c.validTo}</td>
                        <td>${publicCertificateLabels[c.state]}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>
          </section>`,
      )}`,
  );
}

function facts(c: PublicCertificate): SafeHtml {
  return html`<dl class="facts">
    <dt>姓名</dt>
    <dd>${c.personName}</dd>
    <dt>执法机关</dt>
    <dd>${c.agencyName}</dd>
    <dt>执法机构</dt>
    <dd>${c.unitName ?? c.agencyName}</dd>
    <dt>职务</dt>
    <dd>${c.post}</dd>
    <dt>执法领域</dt>
    <dd>${fieldsText(c.fields)}</dd>
    <dt>执法证号</dt>
    <dd>${c.number}</dd>
    <dt>有效期</dt>
    <dd>${c.validFrom} 至 ${c.validTo}</dd>
  </dl>`;
}

/** 亮证执法: is this certificate valid today? A suspended, revoked or expired one is plainly not. */
export function certificatePage(c: PublicCertificate, today: string): SafeHtml {
  const valid = c.state === 'valid';
  return layout(
    { title: `执法证 ${c.number}`, current: '/officers' },
    html`<nav aria-label="当前位置" class="noprint">
        <a href="/">首页</a> › <a href="/agencies/${c.agencyId}">${c.agencyName}</a> ›
        <a href="/agencies/${c.agencyId}/officers">执法人员</a> › ${c.number}
      </nav>
      <h1>执法证核验</h1>
      <div class="result ${valid ? 'ok' : 'bad'}" role="status">
        <p class="big">${valid ? '✓ ' : '✗ '}${publicCertificateLabels[c.state]}</p>
        <p>
          ${
            valid
              ? `截至 ${today}，该执法证有效，持证人可以在所列执法领域内从事行政执法。`
              : `截至 ${today}，该执法证不在有效状态（${publicCertificateLabels[c.state]}），持证人不得从事行政执法。`
          }
        </p>
      </div>
      ${facts(c)}
      <p class="noprint"><a href="/certificates/${c.number}/card">打印执法人员公示卡</a></p>`,
  );
}

const CARD_STYLE = `
.card{border:2px solid #8b1a1a;border-radius:8px;padding:1rem;max-width:30rem;display:grid;grid-template-columns:1fr 9rem;gap:1rem;align-items:start;break-inside:avoid}
.card h2{margin:0 0 .5rem;font-size:1.2rem}
.card .qr svg{width:9rem;height:9rem;display:block}
.card .qr p{font-size:.8rem;margin:.25rem 0 0;text-align:center}
@media print{.card{border-color:#000}}`;

/** A printable card: the facts and a QR code opening the certificate's public status page. */
export function certificateCard(c: PublicCertificate, statusUrl: string, qrSvg: string): SafeHtml {
  return layout(
    { title: `执法人员公示卡 ${c.personName}`, current: '/officers' },
    html`<style>
        ${raw(CARD_STYLE)}
      </style>
      <nav aria-label="当前位置" class="noprint">
        <a href="/certificates/${c.number}">返回执法证核验</a>
      </nav>
      <h1 class="noprint">执法人员公示卡</h1>
      <p class="noprint hint">请使用浏览器的打印功能打印本卡。</p>
      <article class="card" aria-labelledby="card-title">
        <div>
          <h2 id="card-title">${c.agencyName} 行政执法人员</h2>
          ${facts(c)}
        </div>
        <div class="qr">
          <figure style="margin:0">
            ${raw(qrSvg.replace('<svg ', '<svg role="img" aria-labelledby="qr-caption" '))}
            <figcaption><p id="qr-caption">扫码核验执法证状态</p></figcaption>
          </figure>
        </div>
      </article>
      <p class="hint">核验地址：${statusUrl}</p>`,
  );
}

/** The portal sections that start from an agency: pick the agency. */
export function agencyIndexPage(
  title: string,
  current: string,
  agencies: readonly PublicAgency[],
  section: 'powers' | 'officers',
  extra?: SafeHtml,
): SafeHtml {
  return layout(
    { title, current },
    html`<h1>${title}</h1>
      ${extra}
      <section aria-labelledby="pick">
        <h2 id="pick">按执法机关查看</h2>
        <ul class="cards">
          ${agencies.map((a) => html`<li><a href="/agencies/${a.id}/${section}">${a.name}</a></li>`)}
        </ul>
      </section>`,
  );
}

export function certificateLookupForm(): SafeHtml {
  return html`<section aria-labelledby="lookup">
    <h2 id="lookup">核验执法证</h2>
    <form class="stack" method="get" action="/certificates">
      <label for="number">执法证号</label>
      <input type="text" id="number" name="number" maxlength="40" inputmode="numeric" />
      <p class="hint">执法人员执法时应当出示执法证件；输入证号，或扫描证件二维码，查看该证今日是否有效。</p>
      <button type="submit">核验</button>
    </form>
  </section>`;
}

/** A number that is no certificate: said plainly, with the form to try again (not the generic 404). */
export function certificateNotFoundPage(number: string): SafeHtml {
  return layout(
    { title: '未查到该执法证' },
    html`<h1>未查到该执法证</h1>
      <p role="alert">
        本平台没有证号为
        <strong>${number}</strong>
        的行政执法证。请核对证号后重试；证件与本平台信息不一致的，持证人不得据此从事行政执法，可向发证机关反映。
      </p>
      ${certificateLookupForm()}`,
  );
}
