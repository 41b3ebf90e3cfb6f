import { runCommand, systemActor, type CommandDeps } from '../platform/audit/command.ts';
import type { ActionKind } from '../powers/action-kinds.ts';
import { insertGuide } from '../powers/service-guide.service.ts';
import type { GuideMaterial, ServiceGuideInput } from '../powers/service-guide.schema.ts';
import { ownAgency } from '../platform/db/agency-scope.ts';
import { findAgencyIdByShortName, powerItemNames, powerItemsOf } from './demo.store.ts';

/**
 * Demo service guides (服务指南) for the county bureau's power list: where and when, whom to call, and —
 * for the items a citizen applies for — the conditions and materials. Written by the system like the
 * rest of the demo, one revision each, and recorded.
 */

const HALL = '衡阳县政务服务中心二楼市场监管综合窗口（衡阳县西渡镇蒸阳大道 1 号）';
const OFFICE = '衡阳县市场监督管理局（衡阳县西渡镇蒸阳南路 18 号）';
const HOURS = '法定工作日 上午 9:00—12:00，下午 14:30—17:30';
const CONTACT = '0734-6812315（咨询投诉举报 12315）';

const material = (name: string, form: GuideMaterial['form'], note = '', copies = 1): GuideMaterial => ({
  name,
  form,
  copies,
  note,
});

/** Applications (licensing, fees): the applicant's conditions and papers. */
const byKind: Record<ActionKind, (name: string) => Omit<ServiceGuideInput, 'place' | 'hours' | 'contact'>> = {
  licensing: (name) => ({
    conditions:
      `申请“${name}”应当符合法律、法规规定的条件：\n` +
      '1. 申请人为依法登记的市场主体或者自然人；\n2. 具有与申请事项相适应的场所、设备设施和管理制度；\n' +
      '3. 配备相应的专业技术人员或者管理人员；\n4. 法律、法规规定的其他条件。',
    materials: [
      material(`${name}申请书`, 'original', '可在窗口领取或网上下载'),
      material('营业执照或者身份证明', 'copy', '核验原件'),
      material('场所使用证明', 'copy'),
      material('法定代表人（负责人）身份证明', 'copy'),
      material('授权委托书及受托人身份证明', 'original', '委托他人办理的提交'),
    ],
    onlineUrl: 'https://zwfw.hunan.gov.cn/',
    note: '申请材料齐全、符合法定形式的，当场受理；不齐全的，一次性告知需要补正的全部内容。',
  }),
  fee: () => ({
    conditions: '依据公布的行政事业性收费目录清单收费，目录外不得收费。',
    materials: [material('缴费通知书', 'original')],
    onlineUrl: '',
    note: '缴费后出具财政票据。',
  }),
  levy: () => ({
    conditions: '依法应当缴纳的，按核定的金额缴纳。',
    materials: [material('缴款通知书', 'original')],
    onlineUrl: '',
    note: '',
  }),
  penalty: () => ({
    conditions:
      '本事项依职权实施，无需申请。当事人依法享有陈述、申辩权，符合条件的可以要求听证；对决定不服的，可以依法申请行政复议或者提起行政诉讼。',
    materials: [],
    onlineUrl: '',
    note: '举报违法线索请拨打 12315 或登录全国 12315 平台。',
  }),
  coercion: () => ({
    conditions:
      '本事项依职权实施，无需申请。当事人有权陈述和申辩，查封、扣押期限届满或者不再需要的，依法解除。',
    materials: [],
    onlineUrl: '',
    note: '',
  }),
  inspection: () => ({
    conditions: '本事项依职权实施，无需申请。检查时执法人员不少于两人，并出示执法证件（可扫码核验）。',
    materials: [],
    onlineUrl: '',
    note: '检查结果依法公示。',
  }),
};

export async function loadDemoServiceGuides(deps: CommandDeps): Promise<void> {
  const agencyId = await findAgencyIdByShortName(deps.db, '衡县市监');
  if (agencyId === undefined) return;
  const bureau = ownAgency(agencyId);
  const items = await powerItemsOf(deps.db, bureau);
  if (items.length === 0) return;
  const names = await powerItemNames(
    deps.db,
    bureau,
    items.map((i) => i.id),
  );
  const nameOf = (id: string) => names.filter((n) => n.item_id === id).at(-1)?.name ?? '';
  await runCommand(deps, systemActor, async (ctx) => {
    for (const item of items) {
      const applied = item.kind === 'licensing' || item.kind === 'fee' || item.kind === 'levy';
      await insertGuide(
        ctx,
        item.agency_id,
        item.id,
        {
          ...byKind[item.kind](nameOf(item.id)),
          place: applied ? HALL : OFFICE,
          hours: HOURS,
          contact: CONTACT,
        },
        null,
      );
    }
  });
}
