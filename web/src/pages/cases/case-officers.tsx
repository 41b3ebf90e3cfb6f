import { Button, DatePicker, Form, Input, Radio, Select, Space, Switch, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { casesApi, type CaseDetail, type OfficerView } from '../../api/cases.ts';
import { useSession } from '../../auth/session-context.ts';
import { formatInstant, isoDate, today } from '../../ui/dates.ts';
import { CaseFormModal } from './case-form-modal.tsx';
import { useCaseSubmit } from './use-case-submit.ts';
import { offers } from '../../auth/abilities.ts';

type Dialog =
  | { kind: 'assign' }
  | { kind: 'declare'; officer: OfficerView }
  | { kind: 'recuse'; officer: OfficerView }
  | { kind: 'apply'; officer: OfficerView }
  | { kind: 'decide'; officer: OfficerView; applicationId: string };

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
  const canAssign = open && offers(detail, 'assign');
  const canRecuse = open && offers(detail, 'recuse');
  const canApply = open && offers(detail, 'applyRecusal');
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
                {o.recusalPending && (
                  <Tag color="orange" title="回避决定作出之前，不停止调查（行政处罚法 §43）">
                    回避待决定
                  </Tag>
                )}
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
            title: '当事人申请回避',
            key: 'applications',
            render: (_, o) =>
              o.applications.length === 0
                ? '—'
                : o.applications.map((a) => (
                    <div key={a.id}>
                      {a.decidedAt === null ? (
                        <Tag color="orange">待决定</Tag>
                      ) : a.granted ? (
                        <Tag color="red">准予回避</Tag>
                      ) : (
                        <Tag>不予回避</Tag>
                      )}
                      {a.receivedOn}：{a.grounds}
                      {a.decisionReason ? `（决定理由：${a.decisionReason}）` : ''}
                    </div>
                  )),
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
                  {canApply && !o.applications.some((a) => a.decidedAt === null) && (
                    <Button size="small" onClick={() => setDialog({ kind: 'apply', officer: o })}>
                      登记当事人回避申请
                    </Button>
                  )}
                  {canRecuse &&
                    o.applications
                      .filter((a) => a.decidedAt === null)
                      .map((a) => (
                        <Button
                          key={a.id}
                          size="small"
                          onClick={() => setDialog({ kind: 'decide', officer: o, applicationId: a.id })}
                        >
                          对回避申请作出决定
                        </Button>
                      ))}
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
      {dialog?.kind === 'apply' && (
        <ApplyModal detail={detail} officer={dialog.officer} onClose={() => setDialog(null)} onDone={done} />
      )}
      {dialog?.kind === 'decide' && (
        <DecideApplicationModal
          detail={detail}
          officer={dialog.officer}
          applicationId={dialog.applicationId}
          onClose={() => setDialog(null)}
          onDone={done}
        />
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

/** The party's written application for the officer's recusal, as received (行政处罚法 §43 ¶2). */
function ApplyModal(props: ModalProps & { officer: OfficerView }) {
  const [form] = Form.useForm<{ applicant?: string; grounds?: string; receivedOn?: Dayjs | null }>();
  const { submitting, problem, run } = useCaseSubmit(form);
  const party = props.detail.parties[0]?.name;
  return (
    <CaseFormModal
      name="officer-recusal-application"
      title={`登记当事人申请${props.officer.name}回避`}
      form={form}
      submitting={submitting}
      problem={problem}
      onCancel={props.onClose}
      onReload={props.onDone}
      initialValues={{ applicant: party, receivedOn: today() }}
      onFinish={(v) =>
        void run(
          () =>
            casesApi.applyRecusal(props.detail.case.id, props.officer.personId, {
              version: props.detail.case.version,
              applicant: v.applicant ?? '',
              grounds: v.grounds ?? '',
              receivedOn: isoDate(v.receivedOn),
            }),
          '已登记回避申请，待负责人决定；调查取证可以继续',
        ).then((r) => r && props.onDone())
      }
    >
      <Form.Item
        name="applicant"
        label="申请人"
        rules={[{ required: true, whitespace: true, message: '请填写申请人' }]}
      >
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item
        name="receivedOn"
        label="收到书面申请的日期"
        rules={[{ required: true, message: '请选择日期' }]}
      >
        <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(today())} />
      </Form.Item>
      <Form.Item
        name="grounds"
        label="申请回避的理由"
        rules={[{ required: true, whitespace: true, message: '请填写申请回避的理由' }]}
      >
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
    </CaseFormModal>
  );
}

/** The agency head's decision on the party's application (§43 ¶3): granted or refused, with the reason. */
function DecideApplicationModal(props: ModalProps & { officer: OfficerView; applicationId: string }) {
  const [form] = Form.useForm<{ granted?: boolean; reason?: string }>();
  const { submitting, problem, run } = useCaseSubmit(form);
  return (
    <CaseFormModal
      name="officer-recusal-decision"
      title={`对申请${props.officer.name}回避作出决定`}
      form={form}
      submitting={submitting}
      problem={problem}
      onCancel={props.onClose}
      onReload={props.onDone}
      onFinish={(v) =>
        void run(
          () =>
            casesApi.decideRecusalApplication(props.detail.case.id, props.applicationId, {
              version: props.detail.case.version,
              granted: v.granted ?? false,
              reason: v.reason ?? '',
            }),
          v.granted ? '已决定回避' : '已决定不予回避',
        ).then((r) => r && props.onDone())
      }
    >
      <Form.Item name="granted" label="决定" rules={[{ required: true, message: '请选择决定' }]}>
        <Radio.Group
          options={[
            { value: true, label: '准予回避' },
            { value: false, label: '不予回避' },
          ]}
        />
      </Form.Item>
      <Form.Item
        name="reason"
        label="决定理由"
        rules={[{ required: true, whitespace: true, message: '请填写决定理由' }]}
      >
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
    </CaseFormModal>
  );
}
