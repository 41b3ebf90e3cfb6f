import { InboxOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Button,
  Col,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Progress,
  Row,
  Select,
  Switch,
  Typography,
  Upload,
  type UploadFile,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useRef, useState } from 'react';
import { ApiError, type Upload as RunningUpload } from '../../api/client.ts';
import { casesApi } from '../../api/cases.ts';
import { recordsApi, type Evidence, type UploadMetadata } from '../../api/records.ts';
import { useSession } from '../../auth/session-context.ts';
import { FormModal } from '../../forms/form-modal.tsx';
import { useSubmit } from '../../forms/use-submit.ts';
import { useRequest } from '../../ui/use-request.ts';
import {
  continuousKinds,
  extractionMethodOptions,
  kindOptions,
  stepOptions,
  subjectTypeOptions,
} from './records.labels.ts';
import { useChecklistItems, usePeopleOptions, useRecorderOptions } from './use-records-options.ts';

type Kind = UploadMetadata['kind'];
type Period = [Dayjs | null, Dayjs | null] | null | undefined;

interface Values {
  file?: UploadFile[];
  kind?: Kind;
  subjectType?: string;
  subjectId?: string;
  step?: string;
  officerIds?: string[];
  recorderId?: string;
  captured?: Period;
  place?: string;
  latitude?: number | null;
  longitude?: number | null;
  fullProcess?: boolean;
  interruptions?: { period?: Period; reason?: string }[];
  /** Electronic data (电子数据, 行政处罚法 §46): its extraction, as the extraction record states it. */
  originalCarrier?: string;
  extractionMethod?: string;
  extractionSha256?: string;
  extractedAt?: Dayjs | null;
  extractionPlace?: string;
  extractionDocumentId?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The kind a file's media type suggests. */
function kindOfType(type: string): Kind | undefined {
  if (type.startsWith('image/')) return 'photo';
  if (type.startsWith('audio/')) return 'audio';
  if (type.startsWith('video/')) return 'video';
  if (type === 'application/pdf') return 'scan';
  if (type.startsWith('text/') || type === 'application/json' || type === 'application/zip')
    return 'electronic_data';
  return undefined;
}

const instant = (d: Dayjs | null | undefined) => (d ? d.format() : undefined);

function metadataOf(values: Values, file: File): UploadMetadata {
  const electronic = values.kind === 'electronic_data';
  const continuous = values.kind !== undefined && continuousKinds.has(values.kind as never);
  const interruptions = continuous
    ? (values.interruptions ?? []).map((i) => ({
        stoppedAt: instant(i.period?.[0]) ?? '',
        resumedAt: instant(i.period?.[1]) ?? '',
        reason: i.reason ?? '',
      }))
    : [];
  return {
    kind: values.kind ?? 'photo',
    subjectType: values.subjectType ?? '',
    subjectId: (values.subjectId ?? '').trim(),
    step: values.step,
    officerIds: values.officerIds?.length ? values.officerIds.join(',') : undefined,
    recorderId: values.recorderId,
    capturedFrom: electronic ? undefined : instant(values.captured?.[0]),
    capturedTo: electronic ? undefined : instant(values.captured?.[1]),
    place: electronic ? undefined : values.place?.trim() || undefined,
    latitude: electronic ? undefined : (values.latitude ?? undefined),
    longitude: electronic ? undefined : (values.longitude ?? undefined),
    fullProcess: continuous && values.fullProcess ? 'true' : 'false',
    interruptions: interruptions.length ? JSON.stringify(interruptions) : undefined,
    filename: file.name,
    ...(electronic
      ? {
          originalCarrier: values.originalCarrier?.trim() || undefined,
          extractionMethod: values.extractionMethod,
          extractionSha256: values.extractionSha256?.trim() || undefined,
          extractedAt: instant(values.extractedAt),
          extractionPlace: values.extractionPlace?.trim() || undefined,
          extractionDocumentId: values.extractionDocumentId,
        }
      : {}),
  };
}

/** The server names query fields (`querystring.capturedFrom`); the form's names differ a little. */
function formPath(path: string): string {
  const bare = path.replace(/^querystring\./, '');
  if (bare === 'capturedFrom' || bare === 'capturedTo') return 'captured';
  const interruption = /^interruptions\.(\d+)\.(stoppedAt|resumedAt)$/.exec(bare);
  if (interruption) return `interruptions.${interruption[1]}.period`;
  return bare;
}

const withFormPaths = (error: ApiError) =>
  new ApiError({
    ...error.problem,
    errors: error.errors.map((e) => ({ path: formPath(e.path), message: e.message })),
  });

/**
 * 上传证据文件: the file and everything a reviewer needs to know about it (docs/rules.md: who, with which
 * device, when, where, for which step; for audio and video whether it is full-process and each break with
 * its reason). The file streams to the server with a progress bar; nothing is kept if it is cut off.
 */
export function EvidenceUploadModal(props: {
  onClose: () => void;
  onUploaded: (evidence: Evidence) => void;
  /** Preset fields, e.g. the case and step when uploading from a case page. */
  initial?: Pick<Values, 'subjectType' | 'subjectId' | 'step'>;
}) {
  const { me } = useSession();
  const agencyId = me?.agency.id;
  const [form] = Form.useForm<Values>();
  const { submitting, problem, run } = useSubmit(form);
  const [progress, setProgress] = useState<number | null>(null);
  const running = useRef<RunningUpload<Evidence> | null>(null);
  const { officerOptions } = usePeopleOptions(agencyId);
  const { recorderOptions } = useRecorderOptions(agencyId);
  const checklist = useChecklistItems(agencyId);
  const kind = Form.useWatch('kind', form);
  const continuous = kind !== undefined && continuousKinds.has(kind as never);
  const electronic = kind === 'electronic_data';
  const subjectType = Form.useWatch('subjectType', form);
  const subjectId = Form.useWatch('subjectId', form);
  // The extraction record (证据提取单) is an issued document of the same case.
  const caseId = electronic && subjectType === 'case' && UUID.test(subjectId ?? '') ? subjectId : undefined;
  const records = useRequest(() => (caseId ? casesApi.documents(caseId) : Promise.resolve([])), [caseId]);
  const recordOptions = (records.data ?? [])
    .filter((d) => d.type === 'evidence_extraction')
    .map((d) => ({ value: d.id, label: `${d.title} ${d.number}` }));

  async function upload(values: Values) {
    const file = values.file?.[0]?.originFileObj;
    if (!file) return;
    setProgress(0);
    const evidence = await run(async () => {
      const started = recordsApi.upload(file, metadataOf(values, file), setProgress);
      running.current = started;
      try {
        return await started.done;
      } catch (error) {
        throw error instanceof ApiError ? withFormPaths(error) : error;
      } finally {
        running.current = null;
      }
    }, '证据文件已上传并写入记录日志');
    setProgress(null);
    if (evidence) props.onUploaded(evidence);
  }

  const cancel = () => {
    running.current?.abort();
    props.onClose();
  };

  return (
    <FormModal<Values>
      name="evidence-upload"
      title="上传证据文件"
      width={760}
      okText="上传"
      form={form}
      submitting={submitting}
      problem={problem}
      onCancel={cancel}
      onFinish={(values) => void upload(values)}
      initialValues={{
        subjectType: 'case',
        officerIds: me ? [me.personId] : [],
        fullProcess: false,
        interruptions: [],
        ...props.initial,
      }}
    >
      <Form.Item
        name="file"
        label="文件"
        valuePropName="fileList"
        getValueFromEvent={(e: { fileList: UploadFile[] }) => e.fileList.slice(-1)}
        rules={[{ required: true, message: '请选择要上传的文件' }]}
      >
        <Upload.Dragger
          maxCount={1}
          beforeUpload={(file) => {
            const suggested = kindOfType(file.type);
            if (suggested && !form.getFieldValue('kind')) form.setFieldValue('kind', suggested);
            return false;
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">点击或拖入照片、录音、录像、扫描件或电子数据</p>
          <p className="ant-upload-hint">文件边上传边计算 SHA-256 与 SM3，上传完成后写入记录日志</p>
        </Upload.Dragger>
      </Form.Item>
      <Row gutter={16}>
        <Col span={8}>
          <Form.Item name="kind" label="类型" rules={[{ required: true, message: '请选择类型' }]}>
            <Select options={kindOptions} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item
            name="subjectType"
            label="对象类型"
            rules={[{ required: true, message: '请选择对象类型' }]}
          >
            <Select options={subjectTypeOptions} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item
            name="subjectId"
            label="对象编号"
            rules={[{ required: true, whitespace: true, message: '请填写案件或检查的编号' }]}
          >
            <Input placeholder="如 衡县市监立〔2026〕88号" maxLength={100} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="step" label="执法环节">
            <Select options={stepOptions(checklist)} allowClear showSearch={{ optionFilterProp: 'label' }} />
          </Form.Item>
        </Col>
        {!electronic && (
          <Col span={12}>
            <Form.Item name="recorderId" label="记录设备" extra="照片、录音、录像须注明拍摄设备">
              <Select options={recorderOptions} allowClear showSearch={{ optionFilterProp: 'label' }} />
            </Form.Item>
          </Col>
        )}
      </Row>
      <Form.Item name="officerIds" label="执法人员" rules={[{ required: true, message: '请选择执法人员' }]}>
        <Select mode="multiple" options={officerOptions} showSearch={{ optionFilterProp: 'label' }} />
      </Form.Item>
      {electronic ? (
        <ElectronicDataFields recordOptions={recordOptions} />
      ) : (
        <>
          <Form.Item name="captured" label="拍摄起止时间">
            <DatePicker.RangePicker showTime allowEmpty={[false, true]} style={{ width: '100%' }} />
          </Form.Item>
          <Row gutter={16}>
            <Col span={12}>
              <Form.Item name="place" label="地点">
                <Input maxLength={200} />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="latitude" label="纬度（可选）">
                <InputNumber min={-90} max={90} step={0.000001} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="longitude" label="经度（可选）">
                <InputNumber min={-180} max={180} step={0.000001} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
        </>
      )}
      {continuous && (
        <>
          <Form.Item name="fullProcess" label="全过程音像记录" valuePropName="checked">
            <Switch checkedChildren="是" unCheckedChildren="否" />
          </Form.Item>
          <Typography.Text type="secondary">
            记录中断的，逐一登记中断和恢复的时间及原因（未说明原因的中断在审核时列为缺失）。
          </Typography.Text>
          <Form.List name="interruptions">
            {(fields, { add, remove }) => (
              <Flex vertical gap={8} style={{ marginTop: 8, marginBottom: 16 }}>
                {fields.map((field) => (
                  <Flex key={field.key} gap={8} align="start">
                    <Form.Item
                      name={[field.name, 'period']}
                      rules={[{ required: true, message: '请填写中断和恢复时间' }]}
                      style={{ marginBottom: 0 }}
                    >
                      <DatePicker.RangePicker showTime placeholder={['中断时间', '恢复时间']} />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'reason']}
                      rules={[{ required: true, whitespace: true, message: '请填写中断原因' }]}
                      style={{ flex: 1, marginBottom: 0 }}
                    >
                      <Input placeholder="中断原因，如 设备电量耗尽" maxLength={200} />
                    </Form.Item>
                    <Button
                      type="text"
                      aria-label="删除这次中断"
                      icon={<MinusCircleOutlined />}
                      onClick={() => remove(field.name)}
                    />
                  </Flex>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>
                  登记一次中断
                </Button>
              </Flex>
            )}
          </Form.List>
        </>
      )}
      {progress !== null && (
        <Progress
          percent={Math.floor(progress * 100)}
          status={submitting ? 'active' : 'normal'}
          aria-label="上传进度"
        />
      )}
    </FormModal>
  );
}

/**
 * 电子数据 (行政处罚法 §46; 市场监督管理行政执法电子数据取证暂行规定): what the extraction record says —
 * the original carrier, the way it was extracted, its SHA-256 computed at extraction (the server checks the
 * uploaded bytes against it), the time and place, and the extraction record itself when it is issued.
 */
function ElectronicDataFields(props: { recordOptions: { value: string; label: string }[] }) {
  return (
    <>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item
            name="originalCarrier"
            label="原始存储介质"
            rules={[{ required: true, whitespace: true, message: '请填写原始存储介质' }]}
          >
            <Input placeholder="如 当事人手机、经营网站服务器、网店页面地址" maxLength={200} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="extractionMethod"
            label="提取方式"
            rules={[{ required: true, message: '请选择提取方式' }]}
          >
            <Select options={extractionMethodOptions} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        name="extractionSha256"
        label="提取时记录的 SHA-256"
        extra="填写提取笔录（证据提取单）上当场计算的完整性校验值；上传的文件须与之一致，否则不予保存"
        rules={[
          { required: true, whitespace: true, message: '请填写提取时记录的 SHA-256 摘要' },
          { pattern: /^\s*[0-9a-fA-F]{64}\s*$/, message: 'SHA-256 摘要应为 64 位十六进制' },
        ]}
      >
        <Input maxLength={64} style={{ fontFamily: 'monospace' }} />
      </Form.Item>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item
            name="extractedAt"
            label="提取时间"
            rules={[{ required: true, message: '请填写提取时间' }]}
          >
            <DatePicker showTime style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="extractionPlace"
            label="提取地点"
            rules={[{ required: true, whitespace: true, message: '请填写提取地点' }]}
          >
            <Input maxLength={200} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        name="extractionDocumentId"
        label="提取记录（证据提取单）"
        extra={props.recordOptions.length ? undefined : '本案尚未签发证据提取单；签发后可在此关联'}
      >
        <Select options={props.recordOptions} allowClear />
      </Form.Item>
    </>
  );
}
