import { Button, Form, Input, Radio, Select, Space, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import { casesApi, type CaseDetail, type OfficerView } from '../../api/cases.ts';
import { useSession } from '../../auth/session-context.ts';
import { formatInstant } from '../../ui/dates.ts';
import { CaseFormModal } from './case-form-modal.tsx';
import { useCaseSubmit } from './use-case-submit.ts';

type Dialog =
  { kind: 'assign' } | { kind: 'declare'; officer: OfficerView } | { kind: 'recuse'; officer: OfficerView };

/** 办案人员: who is assigned, their recusal declarations, the head's recusal decisions (行政处罚法 §42, §43). */
export function CaseOfficers(props: {
  detail: CaseDetail;
  officerOptions: { value: string; label: string }[];
  onChanged: () => void;
}) {
  const { me } = useSession();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const { detail } = props;
  const open = !detail.case.final;
  const mine = me?.agency.id === detail.case.agencyId;
  const roles = new Set(me?.roles ?? []);
  const canAssign = open && mine && (roles.has('unit_head') || roles.has('agency_head'));
  const canRecuse = open && mine && roles.has('agency_head');
  const done = () => {
    setDialog(null);
    props.onChanged();
  };
  return (
    <>
      <Table<OfficerView>
        rowKey="personId"
        size="small"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={detail.officers}
        columns={[
          {
            title: '姓名',
            dataIndex: 'name',
            render: (name: string, o) => (
              <Space>
                {name}
                {o.lead && <Tag color="blue">主办</Tag>}
                {o.recusedAt && <Tag color="red">已回避</Tag>}
              </Space>
            ),
          },
          { title: '指派日期', dataIndex: 'assignedOn' },
          {
            title: '回避声明',
            key: 'declaration',
            render: (_, o) =>
              o.declaredAt ? (
                <span>
                  {o.conflict ? <Tag color="orange">有利害关系</Tag> : <Tag color="green">无利害关系</Tag>}
                  {formatInstant(o.declaredAt)}
                </span>
              ) : (
                '未声明'
              ),
          },
          {
            title: '操作',
            key: 'actions',
            render: (_, o) =>
              !o.recusedAt &&
              open && (
                <Space>
                  {o.personId === me?.personId && (
                    <Button size="small" onClick={() => setDialog({ kind: 'declare', officer: o })}>
                      回避声明
                    </Button>
                  )}
                  {canRecuse && (
                    <Button size="small" danger onClick={() => setDialog({ kind: 'recuse', officer: o })}>
                      决定回避
                    </Button>
                  )}
                </Space>
              ),
          },
        ]}
      />
      {canAssign && (
        <Button style={{ marginTop: 12 }} onClick={() => setDialog({ kind: 'assign' })}>
          指派办案人员
        </Button>
      )}
      {dialog?.kind === 'assign' && (
        <AssignModal
          detail={detail}
          options={props.officerOptions}
          onClose={() => setDialog(null)}
          onDone={done}
        />
      )}
      {dialog?.kind === 'declare' && (
        <DeclareModal
          detail={detail}
          officer={dialog.officer}
          onClose={() => setDialog(null)}
          onDone={done}
        />
      )}
      {dialog?.kind === 'recuse' && (
        <RecuseModal detail={detail} officer={dialog.officer} onClose={() => setDialog(null)} onDone={done} />
      )}
    </>
  );
}

interface ModalProps {
  detail: CaseDetail;
  onClose: () => void;
  onDone: () => void;
}

function AssignModal(props: ModalProps & { options: { value: string; label: string }[] }) {
  const [form] = Form.useForm<{ personId?: string; lead?: boolean }>();
  const { submitting, problem, run } = useCaseSubmit(form);
  const assigned = new Set(props.detail.officers.filter((o) => !o.recusedAt).map((o) => o.personId));
  return (
    <CaseFormModal
      name="officer-assign"
      title="指派办案人员"
      form={form}
      submitting={submitting}
      problem={problem}
      onCancel={props.onClose}
      onReload={props.onDone}
      initialValues={{ lead: false }}
      onFinish={(v) =>
        void run(
          () =>
            casesApi.assign(props.detail.case.id, {
              version: props.detail.case.version,
              personId: v.personId ?? '',
              lead: v.lead ?? false,
            }),
          '已指派',
        ).then((r) => r && props.onDone())
      }
    >
      <Form.Item name="personId" label="执法人员" rules={[{ required: true, message: '请选择执法人员' }]}>
        <Select
          options={props.options.filter((o) => !assigned.has(o.value))}
          showSearch={{ optionFilterProp: 'label' }}
        />
      </Form.Item>
      <Form.Item name="lead" label="主办人员" valuePropName="checked">
        <Switch checkedChildren="是" unCheckedChildren="否" />
      </Form.Item>
    </CaseFormModal>
  );
}

function DeclareModal(props: ModalProps & { officer: OfficerView }) {
  const [form] = Form.useForm<{ conflict?: boolean; declaration?: string }>();
  const { submitting, problem, run } = useCaseSubmit(form);
  return (
    <CaseFormModal
      name="officer-declare"
      title={`回避声明：${props.officer.name}`}
      form={form}
      submitting={submitting}
      problem={problem}
      onCancel={props.onClose}
      onReload={props.onDone}
      initialValues={{ conflict: false, declaration: '本人与本案当事人无利害关系，不存在应当回避的情形。' }}
      onFinish={(v) =>
        void run(
          () =>
            casesApi.declare(props.detail.case.id, props.officer.personId, {
              version: props.detail.case.version,
              conflict: v.conflict ?? false,
              declaration: v.declaration ?? '',
            }),
          '回避声明已记录',
        ).then((r) => r && props.onDone())
      }
    >
      <Form.Item name="conflict" label="与本案是否有直接利害关系或其他关系" rules={[{ required: true }]}>
        <Radio.Group
          options={[
            { value: false, label: '否' },
            { value: true, label: '是' },
          ]}
        />
      </Form.Item>
      <Form.Item
        name="declaration"
        label="声明"
        rules={[{ required: true, whitespace: true, message: '请填写回避声明' }]}
      >
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
    </CaseFormModal>
  );
}

function RecuseModal(props: ModalProps & { officer: OfficerView }) {
  const [form] = Form.useForm<{ reason?: string }>();
  const { submitting, problem, run } = useCaseSubmit(form);
  return (
    <CaseFormModal
      name="officer-recuse"
      title={`决定回避：${props.officer.name}`}
      form={form}
      submitting={submitting}
      problem={problem}
      onCancel={props.onClose}
      onReload={props.onDone}
      onFinish={(v) =>
        void run(
          () =>
            casesApi.recuse(props.detail.case.id, props.officer.personId, {
              version: props.detail.case.version,
              reason: v.reason ?? '',
            }),
          '已决定回避',
        ).then((r) => r && props.onDone())
      }
    >
      <Form.Item
        name="reason"
        label="回避理由"
        rules={[{ required: true, whitespace: true, message: '请填写回避理由' }]}
      >
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
    </CaseFormModal>
  );
}
