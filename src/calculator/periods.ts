/**
 * The statutory periods the calculator counts, each with where it starts, its length, what an approval adds,
 * the time the law takes out of it, and its basis (docs/rules.md "Deadline calculator").
 */
import { periodExclusions, type ExclusionReason } from '../cases/excluded-time.rules.ts';

export type CalculatorPeriod =
  | 'lead_verification'
  | 'hearing_request'
  | 'service'
  | 'payment'
  | 'payment_demand'
  | 'cash_handover'
  | 'cash_deposit'
  | 'decision'
  | 'seizure'
  | 'licensing_decision'
  | 'licensing_completion_notice'
  | 'licence_issuance'
  | 'licensing_hearing_request'
  | 'licensing_hearing'
  | 'publication_portal'
  | 'publication_gsxt'
  | 'withdrawal'
  | 'inspection_result_publication';

interface PeriodRule {
  label: string;
  /** Where the period starts, for the form. */
  from: string;
  basis: string;
  unit: 'working_days' | 'days';
  length: number;
  extension?: number;
  /** Natural-day periods: a last day on a holiday moves to the next working day (民法典 §203). */
  rollOver?: boolean;
  /**
   * The time the law takes out of this period (the one table of src/cases/excluded-time.rules.ts); any
   * other exclusion given is ignored, and said so.
   */
  excludes: readonly ExclusionReason[];
}

export const periodRules: Readonly<Record<CalculatorPeriod, PeriodRule>> = {
  lead_verification: {
    label: '线索核查、决定是否立案',
    from: '发现线索或收到材料之日',
    basis:
      '市场监督管理行政处罚程序规定 §18：十五个工作日内；经负责人批准可延长十五个工作日；检测、检验、检疫、鉴定等时间不计入',
    unit: 'working_days',
    length: 15,
    extension: 15,
    excludes: periodExclusions.lead_verification,
  },
  hearing_request: {
    label: '当事人要求听证',
    from: '告知之日（送达告知书之日）',
    basis: '行政处罚法 §64（一）、§85：告知后五个工作日内提出',
    unit: 'working_days',
    length: 5,
    excludes: [],
  },
  service: {
    label: '送达行政处罚决定书',
    from: '作出决定之日（宣告之日）',
    basis: '行政处罚法 §61、§85：当事人不在场的，七个工作日内送达',
    unit: 'working_days',
    length: 7,
    excludes: [],
  },
  payment: {
    label: '缴纳罚款',
    from: '收到行政处罚决定书之日',
    basis: '行政处罚法 §67：十五日内缴纳；民法典 §203：最后一日为法定休假日的，以休假日结束的次日为最后一日',
    unit: 'days',
    length: 15,
    rollOver: true,
    excludes: [],
  },
  payment_demand: {
    label: '催告履行（申请人民法院强制执行前）',
    from: '催告书送达之日',
    basis:
      '行政强制法 §35、§54：催告书送达十日后当事人仍未履行义务的，方可申请人民法院强制执行；§69：十日以内期限是指工作日',
    unit: 'working_days',
    length: 10,
    excludes: [],
  },
  cash_handover: {
    label: '当场收缴的罚款交至行政机关',
    from: '当场收缴罚款之日（水上收缴的，抵岸之日）',
    basis:
      '行政处罚法 §71、§85：执法人员自收缴罚款之日起二日内交至行政机关；在水上收缴的，自抵岸之日起二日内',
    unit: 'working_days',
    length: 2,
    excludes: [],
  },
  cash_deposit: {
    label: '罚款缴付指定银行',
    from: '执法人员交至行政机关之日',
    basis: '行政处罚法 §71、§85：行政机关应当在二日内将罚款缴付指定的银行',
    unit: 'working_days',
    length: 2,
    excludes: [],
  },
  decision: {
    label: '作出处罚决定',
    from: '立案之日',
    basis:
      '行政处罚法 §60；市场监督管理行政处罚程序规定 §64：九十日内；经负责人批准可延长三十日；听证、公告、检测、检验、检疫、鉴定等时间不计入；民法典 §203',
    unit: 'days',
    length: 90,
    extension: 30,
    rollOver: true,
    excludes: periodExclusions.decision,
  },
  seizure: {
    label: '查封、扣押',
    from: '作出查封、扣押决定之日',
    basis:
      '行政强制法 §25：不得超过三十日；经负责人批准可延长，延长期限不得超过三十日；检测、检验、检疫或者技术鉴定期间不计入',
    unit: 'days',
    length: 30,
    extension: 30,
    rollOver: false,
    excludes: periodExclusions.coercive_measure,
  },
  licensing_decision: {
    label: '作出行政许可决定',
    from: '受理申请之日',
    basis:
      '行政许可法 §42、§82：二十个工作日内；经本机关负责人批准可延长十个工作日；§45：听证、检验、检测、检疫、鉴定和专家评审时间不计入',
    unit: 'working_days',
    length: 20,
    extension: 10,
    excludes: periodExclusions.licensing_decision,
  },
  licensing_completion_notice: {
    label: '一次告知补正材料',
    from: '收到申请材料之日',
    basis:
      '行政许可法 §32（四）：五日内一次告知需要补正的全部内容，逾期不告知的，自收到申请材料之日起即为受理；§82',
    unit: 'working_days',
    length: 5,
    excludes: [],
  },
  licence_issuance: {
    label: '颁发、送达行政许可证件',
    from: '作出准予行政许可决定之日',
    basis: '行政许可法 §44、§82：自作出决定之日起十个工作日内向申请人颁发、送达行政许可证件',
    unit: 'working_days',
    length: 10,
    excludes: [],
  },
  licensing_hearing_request: {
    label: '申请人、利害关系人要求许可听证',
    from: '被告知听证权利之日',
    basis: '行政许可法 §47、§82：被告知听证权利之日起五个工作日内提出听证申请',
    unit: 'working_days',
    length: 5,
    excludes: [],
  },
  licensing_hearing: {
    label: '组织许可听证',
    from: '收到听证申请之日',
    basis: '行政许可法 §47、§82：收到听证申请之日起二十个工作日内组织听证；§48：听证七日前通知',
    unit: 'working_days',
    length: 20,
    excludes: [],
  },
  publication_portal: {
    label: '行政许可、行政处罚信息在门户公示',
    from: '作出决定之日',
    basis:
      '国务院办公厅关于全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的指导意见（国办发〔2018〕118号）：七个工作日内公开',
    unit: 'working_days',
    length: 7,
    excludes: [],
  },
  publication_gsxt: {
    label: '行政处罚信息在国家企业信用信息公示系统公示',
    from: '作出处罚决定之日',
    basis: '市场监督管理行政处罚信息公示规定 §9：二十个工作日内',
    unit: 'working_days',
    length: 20,
    excludes: [],
  },
  withdrawal: {
    label: '撤下公示信息',
    from: '决定被变更、撤销或确认违法、无效之日',
    basis: '行政处罚法 §48 ¶2；市场监督管理行政处罚信息公示规定 §11：三个工作日内撤下',
    unit: 'working_days',
    length: 3,
    excludes: [],
  },
  inspection_result_publication: {
    label: '抽查检查结果公示',
    from: '抽查检查结果形成之日',
    basis:
      '市场监管总局关于全面推进“双随机、一公开”监管工作的通知：二十个工作日内通过国家企业信用信息公示系统公示',
    unit: 'working_days',
    length: 20,
    excludes: [],
  },
};

export const calculatorPeriods = Object.keys(periodRules) as CalculatorPeriod[];
