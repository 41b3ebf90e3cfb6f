import { html, type SafeHtml } from '../../publicity/portal/html.ts';
import { layout } from '../../publicity/portal/layout.ts';
import type { PublicAgency } from '../../publicity/portal/portal.service.ts';
import type { DrawFile } from '../draw.rules.ts';
import type { Plan } from '../plans.schema.ts';

/**
 * The portal's random-inspection pages (一公开; issue 15 item 4): the published plans (抽查计划公告), the
 * draws (抽查任务公告) with everything needed to re-run them, and each draw's selection.
 */

export interface DrawListItem {
  id: string;
  agencyId: string;
  agencyName: string;
  title: string;
  committedAt: string;
  drawnAt: string;
  commitmentSha256: string;
  seed: string;
  drawnCount: number;
  cancelledReason: string | null;
}

const quotaText = (q: Plan['tasks'][number]['quotas']) =>
  Object.entries(q)
    .map(([g, v]) => `${g} 级 ${'count' in v ? `${v.count} 户` : `${v.percent}%`}`)
    .join('，');

export interface PublicResult {
  drawId: string;
  taskTitle: string;
  creditCode: string;
  targetName: string;
  resultLabel: string;
  resultOn: string;
  summary: string;
}

function resultsTable(results: readonly PublicResult[]): SafeHtml {
  if (results.length === 0) return html`<p>暂无公示的检查结果。</p>`;
  return html`<div class="scroll">
    <table>
      <caption>
        抽查结果
      </caption>
      <thead>
        <tr>
          <th scope="col">检查对象</th>
          <th scope="col">统一社会信用代码</th>
          <th scope="col">任务</th>
          <th scope="col">检查结果</th>
          <th scope="col">结果日期</th>
          <th scope="col">说明</th>
        </tr>
      </thead>
      <tbody>
        ${results.map(
          (r) =>
            html`<tr>
              <th scope="row">${r.targetName}</th>
              <td>${r.creditCode}</td>
              <td><a href="/inspections/draws/${r.drawId}">${r.taskTitle}</a></td>
              <td>${r.resultLabel}</td>
              <td>${r.resultOn}</td>
              <td>${r.summary}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

export function inspectionsPage(
  plans: readonly (Plan & { agencyName: string })[],
  draws: readonly DrawListItem[],
  results: readonly PublicResult[],
): SafeHtml {
  return layout(
    { title: '双随机抽查', current: '/inspections' },
    html`<nav aria-label="当前位置" class="noprint"><a href="/">首页</a> › 双随机抽查</nav>
      <h1>双随机、一公开</h1>
      <p class="lead">
        随机抽取检查对象、随机选派执法检查人员，抽查情况及查处结果及时向社会公开（国办发〔2015〕58号）。
        每次抽取都先公布承诺，再用承诺之后才公布的公开随机数抽取：任何人都可以按公开的算法重新运行，核对结果。
      </p>
      <h2>抽查计划</h2>
      ${plans.length === 0 ? html`<p>暂无公示的抽查计划。</p>` : null}
      ${plans.map(
        (plan) =>
          html`<section>
            <h3>${plan.agencyName} ${plan.year} 年度 ${plan.title}</h3>
            <p>批准日期：${plan.approvedOn ?? ''}</p>
            <div class="scroll">
              <table>
                <caption>
                  ${plan.title} 的抽查任务
                </caption>
                <thead>
                  <tr>
                    <th scope="col">任务</th>
                    <th scope="col">抽查事项</th>
                    <th scope="col">范围</th>
                    <th scope="col">抽取比例或户数</th>
                    <th scope="col">期间</th>
                    <th scope="col">联合抽查部门</th>
                    <th scope="col">状态</th>
                  </tr>
                </thead>
                <tbody>
                  ${plan.tasks.map(
                    (t) =>
                      html`<tr>
                        <th scope="row">${t.title}</th>
                        <td>${t.itemName ?? ''}</td>
                        <td>${t.fieldLabel}${t.scope ? `：${t.scope}` : ''}</td>
                        <td>${quotaText(t.quotas)}</td>
                        <td>${t.startsOn} 至 ${t.endsOn}</td>
                        <td>${t.jointAgencies.join('、') || '无'}</td>
                        <td>${t.stateLabel}${t.cancelledReason ? `（${t.cancelledReason}）` : ''}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>
          </section>`,
      )}
      <h2>抽取结果</h2>
      <p><a href="/inspections/draws">全部抽取记录及核验方法</a></p>
      ${drawsTable(draws)}
      <h2>检查结果</h2>
      <p>检查结果信息形成后二十个工作日内公示（食品生产经营监督检查管理办法第三十九条）。</p>
      ${resultsTable(results)}`,
  );
}

function drawsTable(draws: readonly DrawListItem[]): SafeHtml {
  if (draws.length === 0) return html`<p>暂无抽取记录。</p>`;
  return html`<div class="scroll">
    <table>
      <caption>
        抽取记录
      </caption>
      <thead>
        <tr>
          <th scope="col">任务</th>
          <th scope="col">机关</th>
          <th scope="col">承诺时间</th>
          <th scope="col">抽取时间</th>
          <th scope="col">抽中户数</th>
          <th scope="col">承诺摘要（SHA-256）</th>
          <th scope="col">抽取文件</th>
        </tr>
      </thead>
      <tbody>
        ${draws.map(
          (d) =>
            html`<tr>
              <th scope="row">
                <a href="/inspections/draws/${d.id}">${d.title}</a
                >${d.cancelledReason ? `（已取消：${d.cancelledReason}）` : ''}
              </th>
              <td>${d.agencyName}</td>
              <td>${d.committedAt}</td>
              <td>${d.drawnAt}</td>
              <td>${d.drawnCount}</td>
              <td><code>${d.commitmentSha256}</code></td>
              <td><a href="/inspections/draws/${d.id}.json" download>${d.id}.json</a></td>
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

export function drawsPage(draws: readonly DrawListItem[]): SafeHtml {
  return layout(
    { title: '抽取记录', current: '/inspections' },
    html`<nav aria-label="当前位置" class="noprint">
        <a href="/">首页</a> › <a href="/inspections">双随机抽查</a> › 抽取记录
      </nav>
      <h1>抽取记录</h1>
      <p class="lead">
        每份抽取文件都含承诺（按统一社会信用代码排序的各风险等级检查对象、按执法证号排序的检查人员、抽取户数、回避申报）、
        公开随机数、种子和结果。用 <code>sanxiang verify-draw 文件.json</code>
        或按公布的 sanxiang-draw/v1 算法自行编写程序，即可重新运行抽取并核对。
      </p>
      ${drawsTable(draws)}`,
  );
}

export function drawPage(
  agency: PublicAgency | undefined,
  item: DrawListItem,
  file: DrawFile,
  names: ReadonlyMap<string, { name: string; address: string }>,
  inspectors: ReadonlyMap<string, string>,
): SafeHtml {
  return layout(
    { title: item.title, current: '/inspections' },
    html`<nav aria-label="当前位置" class="noprint">
        <a href="/">首页</a> › <a href="/inspections">双随机抽查</a> ›
        <a href="/inspections/draws">抽取记录</a> › ${item.title}
      </nav>
      <h1>${item.title}</h1>
      <dl class="facts">
        <dt>机关</dt>
        <dd>${agency?.name ?? item.agencyName}</dd>
        <dt>算法</dt>
        <dd>${file.algorithm}</dd>
        <dt>承诺时间</dt>
        <dd>${item.committedAt}</dd>
        <dt>承诺摘要</dt>
        <dd><code>${file.commitmentSha256}</code></dd>
        <dt>公开随机数</dt>
        <dd>
          <ol>
            ${file.beacons.map((b) => html`<li><code>${b.value}</code>（${b.source}）</li>`)}
          </ol>
        </dd>
        <dt>种子</dt>
        <dd><code>${file.seed}</code></dd>
        <dt>抽取时间</dt>
        <dd>${item.drawnAt}</dd>
      </dl>
      <p>
        <a href="/inspections/draws/${item.id}.json" download>下载抽取文件（JSON）</a>，用
        <code>sanxiang verify-draw</code> 核验。
      </p>
      <div class="scroll">
        <table>
          <caption>
            抽中的检查对象及选派的检查人员（按抽取顺序）
          </caption>
          <thead>
            <tr>
              <th scope="col">序号</th>
              <th scope="col">统一社会信用代码</th>
              <th scope="col">名称</th>
              <th scope="col">检查人员（执法证号）</th>
            </tr>
          </thead>
          <tbody>
            ${file.selection.map(
              (s, i) =>
                html`<tr>
                  <td>${i + 1}</td>
                  <td>${s.creditCode}</td>
                  <th scope="row">${names.get(s.creditCode)?.name ?? ''}</th>
                  <td>
                    ${s.inspectors.map(
                      (n, j) =>
                        html`${j > 0 ? '、' : ''}${inspectors.get(n) ?? ''}（<a href="/certificates/${n}"
                            >${n}</a
                          >）`,
                    )}
                  </td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>`,
  );
}
