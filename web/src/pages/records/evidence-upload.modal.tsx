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
import { recordsApi, type Evidence, type UploadMetadata } from '../../api/records.ts';
import { useSession } from '../../auth/session-context.ts';
import { FormModal } from '../../forms/form-modal.tsx';
import { useSubmit } from '../../forms/use-submit.ts';
import { continuousKinds, kindOptions, stepOptions, subjectTypeOptions } from './records.labels.ts';
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
}

/** The kind a file's media type suggests. */
function kindOfType(type: string): Kind | undefined {
  if (type.startsWith('image/')) return 'photo';
  if (type.startsWith('audio/')) return 'audio';
  if (type.startsWith('video/')) return 'video';
  if (type === 'application/pdf') return 'scan';
  return undefined;
}

const instant = (d: Dayjs | null | undefined) => (d ? d.format() : undefined);

function metadataOf(values: Values, file: File): UploadMetadata {
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
    capturedFrom: instant(values.captured?.[0]),
    capturedTo: instant(values.captured?.[1]),
    place: values.place?.trim() || undefined,
    latitude: values.latitude ?? undefined,
    longitude: values.longitude ?? undefined,
    fullProcess: continuous && values.fullProcess ? 'true' : 'false',
    interruptions: interruptions.length ? JSON.stringify(interruptions) : undefined,
    filename: file.name,
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
          <p className="ant-upload-text">点击或拖入照片、录音、录像或扫描件</p>
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
        <Col span={12}>
          <Form.Item name="recorderId" label="记录设备" extra="照片、录音、录像须注明拍摄设备">
            <Select options={recorderOptions} allowClear showSearch={{ optionFilterProp: 'label' }} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="officerIds" label="执法人员" rules={[{ required: true, message: '请选择执法人员' }]}>
        <Select mode="multiple" options={officerOptions} showSearch={{ optionFilterProp: 'label' }} />
      </Form.Item>
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
