/**
 * The one error catalogue. Every failure a client can see has a typed code here, an HTTP status and a
 * Chinese title a clerk understands. The HTTP edge renders an AppError as RFC 9457 problem+json; nothing
 * else (stack traces, SQL text) ever reaches a client.
 */
export const errorCatalogue = {
  VALIDATION_FAILED: { status: 400, title: '提交的内容有误，请按提示修改' },
  BAD_REQUEST: { status: 400, title: '请求格式不正确' },
  UNAUTHENTICATED: { status: 401, title: '请先登录' },
  LOGIN_FAILED: { status: 401, title: '用户名或密码错误' },
  TOTP_REQUIRED: { status: 401, title: '请输入动态验证码' },
  TOTP_INVALID: { status: 401, title: '动态验证码错误' },
  TOTP_ENROLMENT_REQUIRED: { status: 403, title: '该账号须先绑定动态验证码（双因素认证）' },
  ACCOUNT_DISABLED: { status: 403, title: '账号已停用' },
  CSRF_FAILED: { status: 403, title: '页面已过期，请刷新后重试' },
  FORBIDDEN: { status: 403, title: '没有执行此操作的权限' },
  NOT_FOUND: { status: 404, title: '未找到该记录' },
  DUPLICATE: { status: 409, title: '该值已被使用' },
  CONFLICT: { status: 409, title: '当前状态不允许此操作' },
  INVALID_CREDIT_CODE: { status: 400, title: '统一社会信用代码不正确' },
  CERTIFICATE_INVALID_STATE: { status: 409, title: '执法证当前状态不允许此操作' },
  IMPORT_REJECTED: { status: 422, title: '导入文件有错误，未导入任何数据' },
  PAYLOAD_TOO_LARGE: { status: 413, title: '上传内容过大' },
  URI_TOO_LONG: { status: 414, title: '请求地址过长' },
  REQUEST_TIMEOUT: { status: 408, title: '请求超时，未处理，请重新提交' },
  HEADERS_TOO_LARGE: { status: 431, title: '请求头过大' },
  RATE_LIMITED: { status: 429, title: '请求过于频繁，请稍后再试' },
  LOG_INDEX_OUT_OF_RANGE: { status: 400, title: '超出记录日志的范围' },
  LOG_KEY_UNAVAILABLE: { status: 503, title: '记录日志签名密钥不可用' },
  LOG_STAGING_KEY_UNAVAILABLE: { status: 503, title: '记录日志暂存密钥不可用' },
  // The county witness (C2SP tlog-witness "add-checkpoint"; src/county/witness/): the spec's statuses.
  WITNESS_BAD_REQUEST: { status: 400, title: '见证请求格式不正确' },
  WITNESS_UNTRUSTED_SIGNATURE: { status: 403, title: '检查点没有该日志可信密钥的有效签名' },
  WITNESS_UNKNOWN_LOG: { status: 404, title: '未登记该记录日志' },
  WITNESS_OLD_SIZE_MISMATCH: { status: 409, title: '旧树大小与见证方持有的不一致' },
  WITNESS_INCONSISTENT: { status: 422, title: '检查点与见证方持有的不一致，未联署' },
  WITNESS_KEY_UNAVAILABLE: { status: 503, title: '见证签名密钥不可用' },
  // The county platform's ingest of pushed batches (POST /county/push; docs/county-push.md), in its order.
  PUSH_BAD_REQUEST: { status: 400, title: '推送批次格式不正确' },
  PUSH_UNKNOWN_AGENCY: { status: 404, title: '该机关未在本平台备案' },
  PUSH_AGENCY_SUSPENDED: { status: 403, title: '该机关的推送已被暂停' },
  PUSH_BAD_SIGNATURE: { status: 403, title: '推送批次没有已备案推送密钥的有效签名' },
  PUSH_SEQUENCE_GAP: { status: 409, title: '推送序号不连续，请从平台期待的序号重新推送' },
  PUSH_CONTENT_MISMATCH: { status: 422, title: '推送记录的内容与其摘要或格式不符' },
  PUSH_PROOF_INVALID: { status: 422, title: '推送记录的记录日志证明无效' },
  COUNTY_RECEIPT_KEY_UNAVAILABLE: { status: 503, title: '回执签名密钥不可用' },
  PUSH_KEY_UNAVAILABLE: { status: 503, title: '推送签名密钥不可用' },
  // The agency's side of the county push (src/exchange/outbox/, src/exchange/upstream/).
  UPSTREAM_UNREACHABLE: { status: 502, title: '无法连接县级监督平台' },
  DATABASE_LOCKED: { status: 503, title: '内嵌数据库正被另一个进程使用' },
  SERVER_BUSY: { status: 503, title: '服务器正忙于同类任务，请稍后再试' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: '不支持该文件类型' },
  UPLOAD_INCOMPLETE: { status: 400, title: '文件未传完整，未保存' },
  DIGEST_MISMATCH: { status: 422, title: '文件摘要与声明的不一致，未保存' },
  RANGE_NOT_SATISFIABLE: { status: 416, title: '请求的文件范围无效' },
  EVIDENCE_DISPOSED: { status: 410, title: '该文件保存期满已处置，内容不再提供' },
  EVIDENCE_CONTENT_MISSING: { status: 500, title: '文件内容缺失，请联系管理员' },
  RETENTION_NOT_ELAPSED: { status: 409, title: '保存期限未满，不能处置' },
  RECORDER_UNAVAILABLE: { status: 409, title: '执法记录仪当前状态不允许此操作' },
  POWER_INVALID_STATE: { status: 409, title: '权责事项当前状态不允许此操作' },
  POWER_SELF_REVIEW: { status: 403, title: '不能审核发布自己起草的修改' },
  CASE_STEP_NOT_ALLOWED: { status: 409, title: '案件当前状态不允许该环节' },
  CASE_VERSION_CONFLICT: { status: 409, title: '案件已被他人修改，请刷新后重试' },
  CASE_OFFICERS_INVALID: { status: 409, title: '办案人员不符合要求（人数、执法证或回避）' },
  CASE_DEADLINE_PASSED: { status: 409, title: '法定期限已届满，不能办理该环节' },
  CASE_SUSPENDED: { status: 409, title: '案件已中止，请先恢复办理' },
  CASE_FILE_NOT_ASSEMBLED: { status: 409, title: '案卷尚未组卷或组卷后内容有变化，不能归档' },
  CASE_RECUSAL_PENDING: { status: 409, title: '回避申请或声明尚待负责人决定，调查取证以外的环节暂不能办理' },
  SUMMARY_PROCEDURE_EXCLUDED: { status: 422, title: '该案件不适用简易程序' },
  DELIBERATION_REQUIRED: { status: 409, title: '该处罚决定须经行政机关负责人集体讨论方可作出' },
  PAYMENT_COLLECTION_REFUSED: { status: 422, title: '不符合当场收缴罚款的法定情形或缺少缴款凭证' },
  PAYMENT_PLAN_INVALID_STATE: { status: 409, title: '暂缓或分期缴纳申请当前状态不允许此操作' },
  COURT_APPLICATION_PREMATURE: { status: 409, title: '尚不能申请人民法院强制执行' },
  PUBLICATION_INVALID_STATE: { status: 409, title: '公示信息当前状态不允许此操作' },
  PUBLICATION_SELF_REVIEW: { status: 403, title: '不能审核发布自己录入的公示信息' },
  PUBLICATION_PERSONAL_DATA: { status: 422, title: '公示内容中仍有未脱敏的个人信息，不能发布' },
  PUBLICATION_NOT_PUBLISHABLE: { status: 422, title: '该决定依规定不予公示' },
  PUBLICATION_EARLY_END_REFUSED: { status: 409, title: '不符合提前停止公示的条件' },
  ANTI_ROBOT_FAILED: { status: 400, title: '人机验证未通过，请重新验证后提交' },
  DOCUMENT_NOT_SEALED: { status: 409, title: '文书正在写入记录日志，请稍后再试' },
  TEMPLATE_INVALID: { status: 422, title: '模板文件无法使用，未保存' },
  PDF_UNAVAILABLE: { status: 503, title: '本服务器未安装 LibreOffice，无法生成 PDF，请下载 .docx 文件' },
  REVIEW_REQUIRED: { status: 409, title: '重大执法决定须经法制审核通过方可作出' },
  REVIEW_INCOMPLETE: { status: 422, title: '案件尚缺必要的程序环节或材料，不能提交法制审核' },
  REVIEW_INVALID_STATE: { status: 409, title: '法制审核当前状态不允许此操作' },
  REVIEWER_RECUSED: { status: 409, title: '审核人员参与了本案调查，应当回避' },
  REVIEWER_NOT_QUALIFIED: { status: 409, title: '该人员不具备法制审核资格' },
  CATALOGUE_INVALID_STATE: { status: 409, title: '法制审核目录当前状态不允许此操作' },
  // The random draw of 双随机、一公开 (sanxiang-draw/v1; docs/random-inspection.md).
  DRAW_ALGORITHM_UNKNOWN: { status: 422, title: '不支持该随机抽取算法' },
  DRAW_DUPLICATE_ENTRY: { status: 422, title: '名录中有重复的统一社会信用代码、执法证号或回避声明' },
  DRAW_LIST_UNSORTED: { status: 422, title: '名录未按规定顺序（UTF-8 字节顺序升序）排列' },
  DRAW_TARGETS_TOO_FEW: { status: 422, title: '该风险等级的检查对象少于要抽取的数量' },
  DRAW_CANDIDATES_TOO_FEW: { status: 422, title: '回避后可抽取的检查人员不足两名' },
  // Random inspection (双随机、一公开; src/inspections/, docs/random-inspection.md).
  INSPECTION_PLAN_NOT_DRAFT: { status: 409, title: '抽查计划已批准，不能再修改' },
  INSPECTION_PLAN_EMPTY: { status: 422, title: '抽查计划还没有抽查任务' },
  INSPECTION_PLAN_NOT_APPROVED: { status: 409, title: '抽查计划尚未批准或已公示' },
  INSPECTION_PLAN_STARTED: { status: 409, title: '抽查任务已开始，计划应在开始前公示' },
  INSPECTION_TASK_STATE: { status: 409, title: '抽查任务当前状态不允许此操作' },
  INSPECTION_DRAW_TOO_EARLY: { status: 409, title: '未到可以抽取的时间：承诺后须满 24 小时' },
  INSPECTION_BEACON_MISSING: { status: 409, title: '承诺的公开随机数尚未全部录入' },
  INSPECTION_BEACON_ENTERED: { status: 409, title: '该公开随机数已录入，不能重复录入或更改' },
  INSPECTION_ALREADY_DRAWN: { status: 409, title: '该任务已抽取，抽取结果不能重做' },
  INTERNAL: { status: 500, title: '系统内部错误，请联系管理员' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof errorCatalogue;

/** One bad field: the path into the request (e.g. `body.certificates.0.number`) and a Chinese message. */
export interface FieldError {
  path: string;
  message: string;
}

export class AppError<C extends ErrorCode = ErrorCode> extends Error {
  readonly code: C;
  readonly status: number;
  readonly title: string;
  readonly detail: string | undefined;
  readonly errors: FieldError[];
  readonly extra: Record<string, unknown>;

  constructor(
    code: C,
    options: { detail?: string; errors?: FieldError[]; extra?: Record<string, unknown> } = {},
  ) {
    const entry = errorCatalogue[code];
    super(options.detail ?? entry.title);
    this.name = 'AppError';
    this.code = code;
    this.status = entry.status;
    this.title = entry.title;
    this.detail = options.detail;
    this.errors = options.errors ?? [];
    this.extra = options.extra ?? {};
  }
}

/** Shorthand for a single-field validation or duplicate error. */
export function fieldError(code: ErrorCode, path: string, message: string): AppError {
  return new AppError(code, { detail: message, errors: [{ path, message }] });
}

export const notFound = (): AppError => new AppError('NOT_FOUND');
