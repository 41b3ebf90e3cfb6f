import { PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, Select, Space, Table, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { recordsApi, type Recorder, type RecorderFilters } from '../../api/records.ts';
import { useSession } from '../../auth/session-context.ts';
import { formatInstant } from '../../ui/dates.ts';
import { LoadError } from '../../ui/load-error.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { useRequest } from '../../ui/use-request.ts';
import { useUrlFilters, useUrlParam } from '../../ui/use-url-filters.ts';
import { AgencySelect } from '../org/agency-select.tsx';
import { useAgencies } from '../org/use-agencies.ts';
import { RecorderDetailDrawer } from './recorder-detail.drawer.tsx';
import { RecorderFormModal, RecorderLoanModal } from './recorder-modals.tsx';
import { recorderKindLabels, recorderStatusLabels, recorderStatusOptions } from './records.labels.ts';
import { usePeopleOptions } from './use-records-options.ts';
import { can } from '../../auth/abilities.ts';

const filterKeys = ['agencyId', 'status', 'q'] as const;

const statusColours: Readonly<Record<string, string>> = {
  in_service: 'green',
  under_repair: 'orange',
  lost: 'red',
  retired: 'default',
};

type Dialog =
  | { kind: 'add' }
  | { kind: 'edit'; recorder: Recorder }
  | { kind: 'check-out' | 'check-in'; recorder: Recorder }
  | null;

/** 执法记录仪: the AV device registry (S-8.2), check-out and check-in, and each device's evidence files. */
export function RecordersPage() {
  const { me } = useSession();
  const { agencies } = useAgencies();
  const { filters, page, pageSize, setFilters, setPage } = useUrlFilters(filterKeys);
  const [openId, showRecorder] = useUrlParam('recorder');
  const [dialog, setDialog] = useState<Dialog>(null);
  const [version, setVersion] = useState(0);
  const [form] = Form.useForm<{ q?: string }>();
  const query = filters as RecorderFilters;
  const agencyId = query.agencyId ?? me?.agency.id;
  const manager = can(me, 'records.manageRecorders', agencyId);
  const officer = can(me, 'records.borrowRecorder', agencyId);
  const { officerOptions, nameOf } = usePeopleOptions(agencyId);
  const list = useRequest(
    () => recordsApi.recorders({ ...query, page, pageSize }),
    [JSON.stringify(query), page, pageSize, version],
  );

  const saved = () => {
    setDialog(null);
    setVersion((v) => v + 1);
  };

  const columns: TableColumnsType<Recorder> = [
    {
      title: '设备编号',
      dataIndex: 'serial',
      render: (serial: string, r) => (
        <Button type="link" style={{ padding: 0 }} onClick={() => showRecorder(r.id)}>
          {serial}
        </Button>
      ),
    },
    { title: '型号', dataIndex: 'model' },
    { title: '设备类型', dataIndex: 'kind', render: (kind: Recorder['kind']) => recorderKindLabels[kind] },
    { title: '配发内设机构', dataIndex: 'unitName', render: (name: string | null) => name ?? '—' },
    {
      title: '状态',
      dataIndex: 'status',
      render: (status: Recorder['status']) => (
        <Tag color={statusColours[status]}>{recorderStatusLabels[status]}</Tag>
      ),
    },
    {
      title: '领用人',
      dataIndex: 'holder',
      render: (holder: Recorder['holder']) =>
        holder ? `${holder.officerName}（${formatInstant(holder.since)} 起）` : <Tag>在库</Tag>,
    },
    {
      title: '操作',
      key: 'actions',
      render: (_, r) => {
        const mine = r.holder?.officerId === me?.personId;
        const canOut = !r.holder && r.status === 'in_service' && (manager || officer);
        const canIn = !!r.holder && (manager || (officer && mine));
        return (
          <Space size={0}>
            <Button type="link" size="small" onClick={() => showRecorder(r.id)}>
              详情
            </Button>
            {canOut && (
              <Button type="link" size="small" onClick={() => setDialog({ kind: 'check-out', recorder: r })}>
                领用
              </Button>
            )}
            {canIn && (
              <Button type="link" size="small" onClick={() => setDialog({ kind: 'check-in', recorder: r })}>
                归还
              </Button>
            )}
            {manager && r.status !== 'retired' && (
              <Button type="link" size="small" onClick={() => setDialog({ kind: 'edit', recorder: r })}>
                编辑
              </Button>
            )}
          </Space>
        );
      },
    },
  ];

  return (
    <>
      <PageHeader
        title="执法记录仪"
        extra={
          manager && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'add' })}>
              登记设备
            </Button>
          )
        }
      />
      <Form
        name="recorder-filters"
        form={form}
        layout="inline"
        style={{ marginBottom: 16, rowGap: 8 }}
        initialValues={filters}
        key={JSON.stringify(filters)}
        onFinish={(values: Record<string, string | undefined>) => setFilters({ ...filters, ...values })}
      >
        {agencies.length > 1 && (
          <Form.Item name="agencyId" label="机关">
            <AgencySelect agencies={agencies} onChange={(id) => setFilters({ agencyId: id })} />
          </Form.Item>
        )}
        <Form.Item name="status" label="状态">
          <Select style={{ width: 120 }} options={recorderStatusOptions} allowClear placeholder="全部" />
        </Form.Item>
        <Form.Item name="q" label="编号或型号">
          <Input style={{ width: 180 }} allowClear />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit">
            查询
          </Button>
        </Form.Item>
        <Form.Item>
          <Button onClick={() => setFilters({})}>重置</Button>
        </Form.Item>
      </Form>
      <LoadError error={list.error} retry={list.reload} />
      <Table<Recorder>
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.loading}
        pagination={{
          current: page,
          pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => `共 ${total} 台`,
          onChange: setPage,
        }}
      />
      {openId && (
        <RecorderDetailDrawer
          recorderId={openId}
          version={version}
          nameOf={nameOf}
          onClose={() => showRecorder(undefined)}
        />
      )}
      {dialog?.kind === 'add' && me && (
        <RecorderFormModal agencyId={me.agency.id} onClose={() => setDialog(null)} onSaved={saved} />
      )}
      {dialog?.kind === 'edit' && (
        <RecorderFormModal
          agencyId={dialog.recorder.agencyId}
          recorder={dialog.recorder}
          onClose={() => setDialog(null)}
          onSaved={saved}
        />
      )}
      {(dialog?.kind === 'check-out' || dialog?.kind === 'check-in') && (
        <RecorderLoanModal
          recorder={dialog.recorder}
          action={dialog.kind}
          {...(manager ? { officerOptions } : {})}
          onClose={() => setDialog(null)}
          onSaved={saved}
        />
      )}
    </>
  );
}
