import { Form, Input, Select } from 'antd';
import {
  checkInInput,
  checkOutInput,
  recorderInput,
  recorderPatch,
} from '../../../../src/records/recorders.schema.ts';
import { recordsApi, type Recorder, type RecorderPatch } from '../../api/records.ts';
import { changedFields, isEmpty } from '../../forms/changed.ts';
import { FormModal } from '../../forms/form-modal.tsx';
import { schemaRules } from '../../forms/schema-rule.ts';
import { useSubmit } from '../../forms/use-submit.ts';
import { useUnitOptions } from '../org/use-units.ts';
import { recorderKindOptions, recorderStatusOptions } from './records.labels.ts';

interface RecorderValues {
  serial?: string;
  model?: string;
  kind?: Recorder['kind'];
  unitId?: string | null;
  status?: Recorder['status'];
}
const recorderBody = (v: RecorderValues) => ({
  serial: v.serial ?? '',
  model: v.model ?? '',
  kind: v.kind ?? 'body_camera',
  unitId: v.unitId ?? null,
});
const addRules = schemaRules<RecorderValues>(recorderInput, recorderBody);
const patchBody = (v: RecorderValues) => ({
  model: v.model ?? '',
  kind: v.kind ?? 'body_camera',
  unitId: v.unitId ?? null,
  status: v.status ?? 'in_service',
});
const editRules = schemaRules<RecorderValues>(recorderPatch, patchBody);

/** 登记设备 (serial, model, kind, unit), or edit one (its serial stays: it is the device's identity). */
export function RecorderFormModal(props: {
  agencyId: string;
  recorder?: Recorder;
  onClose: () => void;
  onSaved: () => void;
}) {
  const [form] = Form.useForm<RecorderValues>();
  const { submitting, problem, run, unchanged } = useSubmit(form);
  const units = useUnitOptions(props.agencyId);
  const editing = props.recorder;
  const rules = editing ? editRules : addRules;

  async function save(values: RecorderValues) {
    if (!editing) {
      if (await run(() => recordsApi.registerRecorder(recorderBody(values)), '设备已登记')) props.onSaved();
      return;
    }
    const patch = changedFields<RecorderPatch>(patchBody(editing), patchBody(values));
    if (isEmpty(patch)) {
      unchanged();
      props.onClose();
      return;
    }
    if (await run(() => recordsApi.updateRecorder(editing.id, patch), '设备信息已保存')) props.onSaved();
  }

  return (
    <FormModal<RecorderValues>
      name="recorder"
      title={editing ? `编辑设备：${editing.serial}` : '登记设备'}
      form={form}
      submitting={submitting}
      problem={problem}
      onCancel={props.onClose}
      onFinish={(values) => void save(values)}
      initialValues={editing ?? { kind: 'body_camera' }}
    >
      <Form.Item name="serial" label="设备编号" required rules={editing ? [] : rules('serial')}>
        <Input maxLength={60} disabled={!!editing} placeholder="如 DSJ-0001" />
      </Form.Item>
      <Form.Item name="model" label="型号" required rules={rules('model')}>
        <Input maxLength={60} />
      </Form.Item>
      <Form.Item name="kind" label="设备类型" required rules={rules('kind')}>
        <Select options={recorderKindOptions} />
      </Form.Item>
      <Form.Item name="unitId" label="配发内设机构">
        <Select options={units.options} allowClear placeholder="不指定" />
      </Form.Item>
      {editing && (
        <Form.Item name="status" label="状态" required rules={rules('status')}>
          <Select options={recorderStatusOptions} />
        </Form.Item>
      )}
    </FormModal>
  );
}

interface LoanValues {
  officerId?: string;
  note?: string;
}
const outBody = (v: LoanValues) => ({
  ...(v.officerId ? { officerId: v.officerId } : {}),
  note: v.note ?? '',
});
const outRules = schemaRules<LoanValues>(checkOutInput, outBody);
const inRules = schemaRules<LoanValues>(checkInInput, (v) => ({ note: v.note ?? '' }));

/**
 * 领用 / 归还. A manager issues a device to any officer of the agency; an officer takes one for themselves.
 */
export function RecorderLoanModal(props: {
  recorder: Recorder;
  action: 'check-out' | 'check-in';
  /** Officers to choose from; absent when the device can go only to the person asking. */
  officerOptions?: { value: string; label: string }[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const [form] = Form.useForm<LoanValues>();
  const { submitting, problem, run } = useSubmit(form);
  const out = props.action === 'check-out';
  async function save(values: LoanValues) {
    const done = out
      ? await run(() => recordsApi.checkOut(props.recorder.id, outBody(values)), '设备已领用')
      : await run(() => recordsApi.checkIn(props.recorder.id, { note: values.note ?? '' }), '设备已归还');
    if (done) props.onSaved();
  }
  return (
    <FormModal<LoanValues>
      name="recorder-loan"
      title={`${out ? '领用' : '归还'}设备：${props.recorder.serial}`}
      okText={out ? '领用' : '归还'}
      form={form}
      submitting={submitting}
      problem={problem}
      onCancel={props.onClose}
      onFinish={(values) => void save(values)}
    >
      {out && props.officerOptions && (
        <Form.Item name="officerId" label="领用人" rules={outRules('officerId')} extra="不选则由本人领用">
          <Select options={props.officerOptions} allowClear showSearch={{ optionFilterProp: 'label' }} />
        </Form.Item>
      )}
      {!out && props.recorder.holder && <p>领用人：{props.recorder.holder.officerName}</p>}
      <Form.Item name="note" label="备注" rules={out ? outRules('note') : inRules('note')}>
        <Input.TextArea rows={2} maxLength={200} placeholder={out ? '如 电量、存储卡情况' : '如 设备完好'} />
      </Form.Item>
    </FormModal>
  );
}
