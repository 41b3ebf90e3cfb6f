import { runCommand, systemActor, type CommandContext, type CommandDeps } from '../platform/audit/command.ts';
import { newId } from '../platform/ids.ts';
import type { ActionKind } from '../powers/action-kinds.ts';
import type { Benchmark, LegalBasis, PowerInput } from '../powers/power-list.schema.ts';
import { insertPowerItem, insertVersion } from '../powers/power-list.service.ts';
import { insertReviewEvent, setVersionStatus } from '../powers/power-list.store.ts';
import { ownAgency } from '../platform/db/agency-scope.ts';
import {
  findAgencyIdByShortName,
  peopleOf,
  powerItemIdByCode,
  powerVersionId,
  unitsOf,
} from './demo.store.ts';

/**
 * The demo power list of 衡阳县市场监督管理局: real laws and articles (wording abridged), published as
 * reviewed by the publisher, some flagged for random inspection, benchmarks on several penalty items, a
 * withdrawn levy and fee (stopped by 财综〔2008〕61号), and one change waiting for the publisher's review.
 */

const FSL = '中华人民共和国食品安全法';
const PQL = '中华人民共和国产品质量法';
const FSL_FROM = '2021-04-29';
const PQL_FROM = '2018-12-29';

const basis = (law: string, article: string, text: string, inForceFrom: string): LegalBasis => ({
  law,
  article,
  text,
  inForceFrom,
  inForceTo: null,
  supersedes: null,
  lighter: false,
});
const coercionLaw = basis(
  '中华人民共和国行政强制法',
  '第二十二条',
  '查封、扣押应当由法律、法规规定的行政机关实施，其他任何行政机关或者组织不得实施。',
  '2012-01-01',
);
const inspectionRule = basis(
  '市场监督管理行政处罚程序规定',
  '第二十一条',
  '办案人员调查或者进行检查时应当不少于两人，并应当主动向当事人或者有关人员出示执法证件。',
  '2022-05-01',
);

const wan = (n: number) => n * 10_000 * 100; // 万元 → fen
const range = (
  circumstance: Benchmark['circumstance'],
  description: string,
  min: number | null,
  max: number | null,
  measures = '',
): Benchmark => ({ circumstance, description, minFen: min, maxFen: max, measures });

interface DemoItem {
  code: string;
  kind: ActionKind;
  name: string;
  unit: string;
  bases: LegalBasis[];
  procedure?: string;
  days?: number | null;
  fees?: string;
  random?: { content: string; method: string };
  benchmarks?: Benchmark[];
}

const penaltyProcedure =
  '立案—调查取证—案件审核（法制审核）—告知陈述申辩及听证权利—决定—送达—执行—结案（简易程序当场作出）';
const inspectionMethod = '双随机抽取检查对象和执法检查人员，现场检查、书面检查或者委托检验检测';

export const demoPowerItems: DemoItem[] = [
  {
    code: 'XK-001',
    kind: 'licensing',
    name: '食品经营许可（新办、变更、延续）',
    unit: '综合执法大队',
    bases: [
      basis(
        FSL,
        '第三十五条',
        '国家对食品生产经营实行许可制度。从事食品生产、食品销售、餐饮服务，应当依法取得许可。',
        FSL_FROM,
      ),
      basis(
        '食品经营许可和备案管理办法',
        '第二条',
        '在中华人民共和国境内从事食品销售和餐饮服务活动，应当依法取得食品经营许可。',
        '2023-12-01',
      ),
      basis(
        '中华人民共和国行政许可法',
        '第四十二条',
        '除可以当场作出行政许可决定的外，行政机关应当自受理行政许可申请之日起二十日内作出行政许可决定。',
        '2019-04-23',
      ),
    ],
    procedure: '申请—受理—审查（必要时现场核查）—决定—制证送达',
    days: 10,
  },
  {
    code: 'XK-002',
    kind: 'licensing',
    name: '特种设备使用登记',
    unit: '综合执法大队',
    bases: [
      basis(
        '中华人民共和国特种设备安全法',
        '第三十三条',
        '特种设备使用单位应当在特种设备投入使用前或者投入使用后三十日内，向负责特种设备安全监督管理的部门办理使用登记，取得使用登记证书。',
        '2014-01-01',
      ),
    ],
    procedure: '申请—受理—审查—登记发证',
    days: 15,
  },
  {
    code: 'XK-003',
    kind: 'licensing',
    name: '企业设立、变更、注销登记',
    unit: '办公室',
    bases: [
      basis(
        '中华人民共和国市场主体登记管理条例',
        '第三条',
        '市场主体应当依照本条例办理登记。未经登记，不得以市场主体名义从事经营活动。',
        '2022-03-01',
      ),
    ],
    procedure: '申请—受理—审查—核准登记—发照',
    days: 3,
  },
  {
    code: 'XK-004',
    kind: 'licensing',
    name: '个体工商户登记',
    unit: '西渡市场监管所',
    bases: [
      basis(
        '促进个体工商户发展条例',
        '第八条',
        '个体工商户登记实行便捷高效的登记制度，申请办理登记的，登记机关应当依法予以办理。',
        '2022-11-01',
      ),
      basis('中华人民共和国市场主体登记管理条例', '第三条', '市场主体应当依照本条例办理登记。', '2022-03-01'),
    ],
    procedure: '申请—受理—审查—登记发照（材料齐全的当场办结）',
    days: 1,
  },
  {
    code: 'CF-001',
    kind: 'penalty',
    name: '对未取得食品经营许可从事食品经营活动的处罚',
    unit: '综合执法大队',
    bases: [
      basis(
        FSL,
        '第一百二十二条',
        '未取得食品生产经营许可从事食品生产经营活动……没收违法所得和违法生产经营的食品……违法生产经营的食品货值金额不足一万元的，并处五万元以上十万元以下罚款；货值金额一万元以上的，并处货值金额十倍以上二十倍以下罚款。',
        FSL_FROM,
      ),
    ],
    benchmarks: [
      range(
        'mitigated',
        '主动消除或者减轻违法行为危害后果，且货值金额不足一万元的',
        wan(1),
        wan(5),
        '没收违法所得和违法经营的食品',
      ),
      range(
        'lighter',
        '初次违法、货值金额不足二千元，及时改正的',
        wan(5),
        wan(6.5),
        '没收违法所得和违法经营的食品',
      ),
      range(
        'general',
        '货值金额不足一万元，无从轻从重情节的',
        wan(6.5),
        wan(8.5),
        '没收违法所得和违法经营的食品',
      ),
      range(
        'heavier',
        '经责令改正拒不改正，或者造成危害后果的',
        wan(8.5),
        wan(10),
        '没收违法所得、违法经营的食品和工具设备',
      ),
    ],
  },
  {
    code: 'CF-002',
    kind: 'penalty',
    name: '对生产经营超范围、超限量使用食品添加剂的食品等行为的处罚',
    unit: '综合执法大队',
    bases: [
      basis(
        FSL,
        '第一百二十四条',
        '生产经营致病性微生物……超范围、超限量使用食品添加剂的食品……货值金额不足一万元的，并处五万元以上十万元以下罚款；货值金额一万元以上的，并处货值金额十倍以上二十倍以下罚款；情节严重的，吊销许可证。',
        FSL_FROM,
      ),
    ],
    benchmarks: [
      range(
        'lighter',
        '初次违法、货值金额不足二千元，主动召回问题食品的',
        wan(5),
        wan(6.5),
        '没收违法所得和违法经营的食品',
      ),
      range(
        'general',
        '货值金额不足一万元，无从轻从重情节的',
        wan(6.5),
        wan(8.5),
        '没收违法所得和违法经营的食品',
      ),
      range(
        'heavier',
        '以婴幼儿等特定人群为主要消费对象，或者拒不召回的',
        wan(8.5),
        wan(10),
        '没收违法所得和违法经营的食品；情节严重的吊销许可证',
      ),
    ],
  },
  {
    code: 'CF-003',
    kind: 'penalty',
    name: '对经营标签、说明书不符合规定的食品等行为的处罚',
    unit: '西渡市场监管所',
    bases: [
      basis(
        FSL,
        '第一百二十五条',
        '生产经营被包装材料、容器、运输工具等污染的食品……标签、说明书不符合本法规定的食品……货值金额不足一万元的，并处五千元以上五万元以下罚款；货值金额一万元以上的，并处货值金额五倍以上十倍以下罚款。',
        FSL_FROM,
      ),
    ],
    benchmarks: [
      range(
        'exempt',
        '标签瑕疵不影响食品安全且不会对消费者造成误导的（第一百二十五条第二款）',
        null,
        null,
        '责令改正；拒不改正的，处二千元以下罚款',
      ),
      range('lighter', '初次违法、货值金额不足一千元的', 500_000, 1_500_000),
      range('general', '货值金额不足一万元，无从轻从重情节的', 1_500_000, 3_500_000),
      range('heavier', '造成危害后果或者一年内再次违法的', 3_500_000, wan(5)),
    ],
  },
  {
    code: 'CF-004',
    kind: 'penalty',
    name: '对食品经营者未按规定建立并遵守进货查验记录制度的处罚',
    unit: '台源市场监管所',
    bases: [
      basis(
        FSL,
        '第一百二十六条',
        '……食品经营者未按规定建立并遵守进货查验记录、出厂检验记录和销售记录制度……由县级以上人民政府食品安全监督管理部门责令改正，给予警告；拒不改正的，处五千元以上五万元以下罚款。',
        FSL_FROM,
      ),
    ],
  },
  {
    code: 'CF-005',
    kind: 'penalty',
    name: '对餐饮服务提供者未按规定制定、实施原料控制要求的处罚',
    unit: '井头市场监管所',
    bases: [
      basis(
        FSL,
        '第一百二十六条',
        '餐饮服务提供者未按规定制定、实施餐饮服务食品安全控制要求的，依照前款规定给予处罚。',
        FSL_FROM,
      ),
    ],
  },
  {
    code: 'CF-006',
    kind: 'penalty',
    name: '对生产、销售不符合保障人体健康和人身、财产安全的国家标准、行业标准的产品的处罚',
    unit: '综合执法大队',
    bases: [
      basis(
        PQL,
        '第四十九条',
        '生产、销售不符合保障人体健康和人身、财产安全的国家标准、行业标准的产品的，责令停止生产、销售，没收违法生产、销售的产品，并处违法生产、销售产品（包括已售出和未售出的产品）货值金额等值以上三倍以下的罚款。',
        PQL_FROM,
      ),
    ],
  },
  {
    code: 'CF-007',
    kind: 'penalty',
    name: '对在产品中掺杂、掺假，以假充真、以次充好的处罚',
    unit: '综合执法大队',
    bases: [
      basis(
        PQL,
        '第五十条',
        '在产品中掺杂、掺假，以假充真，以次充好，或者以不合格产品冒充合格产品的，责令停止生产、销售，没收违法生产、销售的产品，并处违法生产、销售产品货值金额百分之五十以上三倍以下的罚款。',
        PQL_FROM,
      ),
    ],
  },
  {
    code: 'CF-008',
    kind: 'penalty',
    name: '对销售失效、变质的产品的处罚',
    unit: '台源市场监管所',
    bases: [
      basis(
        PQL,
        '第五十二条',
        '销售失效、变质的产品的，责令停止销售，没收违法销售的产品，并处违法销售产品货值金额二倍以下的罚款。',
        PQL_FROM,
      ),
    ],
  },
  {
    code: 'CF-009',
    kind: 'penalty',
    name: '对伪造产品产地，伪造或者冒用他人厂名、厂址的处罚',
    unit: '西渡市场监管所',
    bases: [
      basis(
        PQL,
        '第五十三条',
        '伪造产品产地的，伪造或者冒用他人厂名、厂址的，伪造或者冒用认证标志等质量标志的，责令改正，没收违法生产、销售的产品，并处违法生产、销售产品货值金额等值以下的罚款。',
        PQL_FROM,
      ),
    ],
  },
  {
    code: 'CF-010',
    kind: 'penalty',
    name: '对经营者不按规定明码标价的处罚',
    unit: '井头市场监管所',
    bases: [
      basis(
        '中华人民共和国价格法',
        '第四十二条',
        '经营者违反明码标价规定的，责令改正，没收违法所得，可以并处五千元以下的罚款。',
        '1998-05-01',
      ),
    ],
    benchmarks: [
      range('exempt', '初次违法、危害后果轻微并及时改正的（行政处罚法第三十三条）', null, null, '责令改正'),
      range('lighter', '责令改正后及时改正，无违法所得的', 0, 100_000, '责令改正'),
      range('general', '有违法所得或者涉及商品种类较多的', 100_000, 300_000, '责令改正，没收违法所得'),
      range('heavier', '经责令改正拒不改正的', 300_000, 500_000, '责令改正，没收违法所得'),
    ],
  },
  {
    code: 'CF-011',
    kind: 'penalty',
    name: '对发布虚假广告的处罚',
    unit: '综合执法大队',
    bases: [
      basis(
        '中华人民共和国广告法',
        '第五十五条',
        '违反本法规定，发布虚假广告的，由市场监督管理部门责令停止发布广告，责令广告主在相应范围内消除影响，处广告费用三倍以上五倍以下的罚款，广告费用无法计算或者明显偏低的，处二十万元以上一百万元以下的罚款。',
        '2021-04-29',
      ),
    ],
  },
  {
    code: 'CF-012',
    kind: 'penalty',
    name: '对广告使用绝对化用语等违反广告法第九条规定的处罚',
    unit: '综合执法大队',
    bases: [
      basis(
        '中华人民共和国广告法',
        '第五十七条',
        '发布有本法第九条、第十条规定的禁止情形的广告的，由市场监督管理部门责令停止发布广告，对广告主处二十万元以上一百万元以下的罚款。',
        '2021-04-29',
      ),
    ],
  },
  {
    code: 'CF-013',
    kind: 'penalty',
    name: '对使用不合格计量器具或者破坏计量器具准确度的处罚',
    unit: '台源市场监管所',
    bases: [
      basis(
        '中华人民共和国计量法',
        '第二十六条',
        '使用不合格的计量器具或者破坏计量器具准确度，给国家和消费者造成损失的，责令赔偿损失，没收计量器具和违法所得，可以并处罚款。',
        '2018-10-26',
      ),
      basis(
        '中华人民共和国计量法实施细则',
        '第四十六条',
        '使用不合格计量器具或者破坏计量器具准确度和伪造数据，给国家和消费者造成损失的，责令其赔偿损失，没收计量器具和全部违法所得，可并处二千元以下的罚款。',
        '2018-03-19',
      ),
    ],
  },
  {
    code: 'CF-014',
    kind: 'penalty',
    name: '对使用未经检验或者检验不合格的特种设备的处罚',
    unit: '综合执法大队',
    bases: [
      basis(
        '中华人民共和国特种设备安全法',
        '第八十四条',
        '特种设备使用单位违反本法规定，有下列行为之一的，责令停止使用有关特种设备，处三万元以上三十万元以下罚款：（一）使用未取得许可生产，未经检验或者检验不合格的特种设备……',
        '2014-01-01',
      ),
    ],
    benchmarks: [
      range('lighter', '设备已停止使用并于责令期限内完成检验的', wan(3), wan(8)),
      range('general', '无从轻从重情节的', wan(8), wan(20)),
      range('heavier', '用于公众聚集场所（电梯、游乐设施等）或者拒不停止使用的', wan(20), wan(30)),
    ],
  },
  {
    code: 'CF-015',
    kind: 'penalty',
    name: '对特种设备使用单位未按规定办理使用登记的处罚',
    unit: '综合执法大队',
    bases: [
      basis(
        '中华人民共和国特种设备安全法',
        '第八十三条',
        '特种设备使用单位违反本法规定……（一）使用特种设备未按照规定办理使用登记的……责令限期改正；逾期未改正的，责令停止使用有关特种设备，处一万元以上十万元以下罚款。',
        '2014-01-01',
      ),
    ],
  },
  {
    code: 'CF-016',
    kind: 'penalty',
    name: '对经营者侵害消费者权益的处罚',
    unit: '井头市场监管所',
    bases: [
      basis(
        '中华人民共和国消费者权益保护法',
        '第五十六条',
        '经营者有下列情形之一……责令改正，可以根据情节单处或者并处警告、没收违法所得、处以违法所得一倍以上十倍以下的罚款，没有违法所得的，处以五十万元以下的罚款。',
        '2014-03-15',
      ),
    ],
  },
  {
    code: 'CF-017',
    kind: 'penalty',
    name: '对未经登记以市场主体名义从事经营活动的处罚',
    unit: '西渡市场监管所',
    bases: [
      basis(
        '中华人民共和国市场主体登记管理条例',
        '第四十三条',
        '未经设立登记从事经营活动的，由登记机关责令改正，没收违法所得；拒不改正的，处1万元以上10万元以下的罚款。',
        '2022-03-01',
      ),
    ],
  },
  {
    code: 'CF-018',
    kind: 'penalty',
    name: '对企业未按规定报送年度报告的处罚（列入经营异常名录）',
    unit: '办公室',
    bases: [
      basis(
        '企业信息公示暂行条例',
        '第十七条',
        '企业未按照本条例规定的期限公示年度报告或者未按照市场监督管理部门责令的期限公示有关企业信息的，由县级以上市场监督管理部门列入经营异常名录。',
        '2024-03-10',
      ),
    ],
  },
  {
    code: 'QZ-001',
    kind: 'coercion',
    name: '对不符合食品安全标准的食品、违法使用的食品原料等的查封、扣押',
    unit: '综合执法大队',
    bases: [
      basis(
        FSL,
        '第一百一十条',
        '……（四）查封、扣押有证据证明不符合食品安全标准或者有证据证明存在安全隐患以及用于违法生产经营的食品、食品添加剂、食品相关产品；（五）查封违法从事生产经营活动的场所。',
        FSL_FROM,
      ),
      coercionLaw,
    ],
    procedure:
      '报告负责人批准—两名以上执法人员实施—出示证件—通知当事人到场—告知理由、依据及权利—听取陈述申辩—制作现场笔录—当场交付决定书和清单（全过程音像记录）',
    days: 30,
  },
  {
    code: 'QZ-002',
    kind: 'coercion',
    name: '对涉嫌违反产品质量法的产品的查封、扣押',
    unit: '综合执法大队',
    bases: [
      basis(
        PQL,
        '第十八条',
        '……对有根据认为不符合保障人体健康和人身、财产安全的国家标准、行业标准的产品或者有其他严重质量问题的产品，以及直接用于生产、销售该项产品的原辅材料、包装物、生产工具，予以查封或者扣押。',
        PQL_FROM,
      ),
      coercionLaw,
    ],
    procedure: '报告负责人批准—两名以上执法人员实施—制作现场笔录—当场交付决定书和清单（全过程音像记录）',
    days: 30,
  },
  {
    code: 'QZ-003',
    kind: 'coercion',
    name: '对存在严重事故隐患的特种设备的查封、扣押',
    unit: '综合执法大队',
    bases: [
      basis(
        '中华人民共和国特种设备安全法',
        '第六十一条',
        '……（三）对有证据表明不符合安全技术规范要求或者存在严重事故隐患的特种设备实施查封、扣押。',
        '2014-01-01',
      ),
      coercionLaw,
    ],
    procedure: '报告负责人批准—两名以上执法人员实施—制作现场笔录—当场交付决定书和清单（全过程音像记录）',
    days: 30,
  },
  {
    code: 'QZ-004',
    kind: 'coercion',
    name: '对涉嫌虚假广告的财物的查封、扣押',
    unit: '综合执法大队',
    bases: [
      basis(
        '中华人民共和国广告法',
        '第四十九条',
        '……（五）查封、扣押与涉嫌违法广告直接相关的广告物品、经营工具、设备等财物。',
        '2021-04-29',
      ),
      coercionLaw,
    ],
    procedure: '报告负责人批准—两名以上执法人员实施—制作现场笔录—当场交付决定书和清单',
    days: 30,
  },
  {
    code: 'JC-001',
    kind: 'inspection',
    name: '食品经营者食品安全监督检查',
    unit: '综合执法大队',
    bases: [
      basis(
        FSL,
        '第一百一十条',
        '县级以上人民政府食品安全监督管理部门履行食品安全监督管理职责，有权……进入生产经营场所实施现场检查。',
        FSL_FROM,
      ),
      inspectionRule,
    ],
    random: {
      content: '许可资质、进货查验记录、贮存条件、从业人员健康管理、食品标签',
      method: inspectionMethod,
    },
  },
  {
    code: 'JC-002',
    kind: 'inspection',
    name: '产品质量监督抽查',
    unit: '综合执法大队',
    bases: [
      basis(
        PQL,
        '第十五条',
        '国家对产品质量实行以抽查为主要方式的监督检查制度……监督抽查工作由国务院市场监督管理部门规划和组织。县级以上地方市场监督管理部门在本行政区域内也可以组织监督抽查。',
        PQL_FROM,
      ),
    ],
    random: {
      content: '列入抽查目录的产品质量（抽样检验）',
      method: '随机抽取被抽查企业，委托具有资质的检验机构抽样检验',
    },
  },
  {
    code: 'JC-003',
    kind: 'inspection',
    name: '特种设备使用单位监督检查',
    unit: '综合执法大队',
    bases: [
      basis(
        '中华人民共和国特种设备安全法',
        '第五十七条',
        '负责特种设备安全监督管理的部门依照本法规定，对特种设备生产、经营、使用单位和检验、检测机构实施监督检查。',
        '2014-01-01',
      ),
      inspectionRule,
    ],
    random: { content: '使用登记、定期检验、作业人员持证、安全管理制度和应急预案', method: inspectionMethod },
  },
  {
    code: 'JC-004',
    kind: 'inspection',
    name: '企业公示信息抽查',
    unit: '办公室',
    bases: [
      basis(
        '企业信息公示暂行条例',
        '第十四条',
        '国务院市场监督管理部门和省、自治区、直辖市人民政府市场监督管理部门应当按照公平规范的要求，根据企业注册号等随机摇号，确定抽查的企业，组织对企业公示信息的情况进行检查。',
        '2024-03-10',
      ),
    ],
    random: {
      content: '年度报告公示信息、即时公示信息的真实性',
      method: '随机摇号确定抽查企业，书面检查、实地核查或者网络监测',
    },
  },
  {
    code: 'JC-005',
    kind: 'inspection',
    name: '计量器具使用情况监督检查',
    unit: '台源市场监管所',
    bases: [
      basis(
        '中华人民共和国计量法',
        '第十八条',
        '县级以上人民政府计量行政部门应当依照本法的规定对制造、修理、销售、进口和使用计量器具，以及计量检定等相关计量活动进行监督检查。',
        '2018-10-26',
      ),
      inspectionRule,
    ],
    random: { content: '集贸市场、加油站等在用强制检定计量器具的检定情况和准确度', method: inspectionMethod },
  },
  {
    code: 'JC-006',
    kind: 'inspection',
    name: '广告监测与广告经营活动检查',
    unit: '综合执法大队',
    bases: [
      basis(
        '中华人民共和国广告法',
        '第四十九条',
        '市场监督管理部门履行广告监督管理职责，可以行使下列职权：（一）对涉嫌从事违法广告活动的场所实施现场检查……',
        '2021-04-29',
      ),
    ],
  },
];

/** Items stopped long ago: published, then withdrawn by a later published version (nothing is deleted). */
const stoppedFees: DemoItem[] = [
  {
    code: 'ZS-001',
    kind: 'levy',
    name: '个体工商户管理费征收',
    unit: '西渡市场监管所',
    bases: [
      basis('城乡个体工商户管理暂行条例', '第十九条', '个体工商户应当按照规定缴纳管理费。', '1987-09-01'),
    ],
    fees: '按国家规定标准征收',
  },
  {
    code: 'SF-001',
    kind: 'fee',
    name: '集贸市场管理费收取',
    unit: '井头市场监管所',
    bases: [
      basis(
        '城乡集市贸易管理办法',
        '第二十三条',
        '工商行政管理部门可按规定向集市贸易经营者收取市场管理费。',
        '1983-02-05',
      ),
    ],
    fees: '按国家规定标准收取',
  },
];

const remedies = {
  reconsiderationBody: '衡阳县人民政府',
  reconsiderationDays: 60,
  court: '衡阳县人民法院',
  litigationMonths: 6,
};

function inputOf(
  item: DemoItem,
  unitIds: Map<string, string>,
  effectiveFrom: string,
  reason: string,
): PowerInput {
  return {
    code: item.code,
    kind: item.kind,
    name: item.name,
    legalBases: item.bases,
    unitId: unitIds.get(item.unit) ?? null,
    procedure:
      item.procedure ?? (item.kind === 'penalty' ? penaltyProcedure : '制定计划—随机抽取—实施检查—结果公示'),
    timeLimit: {
      days: item.days === undefined ? (item.kind === 'penalty' ? 90 : null) : item.days,
      dayKind: item.kind === 'licensing' ? 'working' : 'calendar',
      note: item.kind === 'penalty' ? '自立案之日起九十日内作出决定（行政处罚法第六十条）' : '',
    },
    fees: item.fees ?? '不收费',
    supervision:
      '衡阳县市场监督管理局法制股 0734-6812315；12315 投诉举报热线；衡阳县人民政府行政执法协调监督办公室',
    remedies,
    randomInspection: item.random
      ? {
          ...item.random,
          basis: '《国务院关于在市场监管领域全面推行部门联合“双随机、一公开”监管的意见》（国发〔2019〕5号）',
        }
      : null,
    benchmarks: item.benchmarks ?? [],
    effectiveFrom,
    reason,
  };
}

async function published(
  ctx: CommandContext,
  agencyId: string,
  versionId: string,
  publisherId: string | null,
) {
  await insertReviewEvent(ctx.trx, ownAgency(agencyId), {
    id: newId(),
    agency_id: agencyId,
    version_id: versionId,
    action: 'published',
    note: '',
    actor_id: publisherId,
    at: ctx.now,
  });
}

/** Loads the market-regulation bureau's power list; called by the demo loader after the agencies exist. */
export async function loadDemoPowers(deps: CommandDeps): Promise<void> {
  const agencyId = await findAgencyIdByShortName(deps.db, '衡县市监');
  if (agencyId === undefined) return;
  const bureau = ownAgency(agencyId);
  const units = await unitsOf(deps.db, bureau);
  const unitIds = new Map(units.map((u) => [u.name, u.id]));
  const people = await peopleOf(deps.db, bureau);
  const publisher = people.find((p) => p.name === '赵丽')?.id ?? null;
  const author = people.find((p) => p.name === '李婷')?.id ?? null;
  const versionIdOf = (ctx: CommandContext, itemId: string, version: number) =>
    powerVersionId(ctx.trx, bureau, itemId, version);

  await runCommand(deps, systemActor, async (ctx) => {
    for (const item of demoPowerItems) {
      const id = await insertPowerItem(
        ctx,
        agencyId,
        inputOf(item, unitIds, '2024-01-01', '2024 年权责清单动态调整'),
        'published',
      );
      await published(ctx, agencyId, await versionIdOf(ctx, id, 1), publisher);
    }
    for (const item of stoppedFees) {
      const id = await insertPowerItem(
        ctx,
        agencyId,
        inputOf(item, unitIds, '2005-01-01', '权责清单初次编制'),
        'published',
      );
      await published(ctx, agencyId, await versionIdOf(ctx, id, 1), publisher);
      const withdrawal = await insertVersion(ctx, {
        itemId: id,
        agencyId,
        version: 2,
        status: 'published',
        effectiveFrom: '2008-09-01',
        reason:
          '《财政部 国家发展改革委关于停止征收个体工商户管理费和集贸市场管理费有关问题的通知》（财综〔2008〕61号）停止征收',
        withdrawn: true,
        content: inputOf(item, unitIds, '2008-09-01', ''),
        authorId: null,
      });
      await published(ctx, agencyId, withdrawal, publisher);
    }
    // One change waiting for the publisher: the advertising inspection joins the random-inspection list.
    const jc6 = demoPowerItems.find((i) => i.code === 'JC-006');
    const jc6Id = await powerItemIdByCode(ctx.trx, bureau, 'JC-006');
    if (jc6) {
      await insertVersion(ctx, {
        itemId: jc6Id,
        agencyId,
        version: 2,
        status: 'draft',
        effectiveFrom: '2027-01-01',
        reason: '纳入 2027 年度随机抽查事项清单',
        withdrawn: false,
        content: inputOf(
          { ...jc6, random: { content: '广告发布内容的真实性、合法性', method: inspectionMethod } },
          unitIds,
          '2027-01-01',
          '',
        ),
        authorId: author,
      });
      const draft = await versionIdOf(ctx, jc6Id, 2);
      await setVersionStatus(ctx.trx, bureau, draft, 'submitted');
      await insertReviewEvent(ctx.trx, bureau, {
        id: newId(),
        agency_id: agencyId,
        version_id: draft,
        action: 'submitted',
        note: '',
        actor_id: author,
        at: ctx.now,
      });
      // Recorded as reviewPower records it, so verify can check the version's status (verify-history.ts).
      await ctx.record({
        kind: 'powers.version_submitted',
        agencyId,
        subjectType: 'power_item',
        subjectId: jc6Id,
        record: { version: 2, status: 'submitted', note: '' },
        changes: ['status'],
      });
    }
  });
}
