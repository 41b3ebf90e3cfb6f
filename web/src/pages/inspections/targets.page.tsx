import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Form, Input, Select, Space, Table, Tag, type TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { download } from '../../api/client.ts';
import { inspectionsApi, type Target, type TargetFilters } from '../../api/inspections.ts';
import { can } from '../../auth/abilities.ts';
import { useSession } from '../../auth/session-context.ts';
import { formatInstant } from '../../ui/dates.ts';
import { fieldOptions } from '../../ui/labels.tsx';
import { LoadError } from '../../ui/load-error.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { useRequest } from '../../ui/use-request.ts';
import { useUrlFilters, useUrlParam } from '../../ui/use-url-filters.ts';
import { TargetFormModal } from './target-form.modal.tsx';
import { TargetHistoryDrawer } from './target-history.drawer.tsx';
import { TargetsImportModal } from './targets-import.modal.tsx';
import { gradeOptions, riskGradeLabels } from './inspections.labels.ts';

const filterKeys = ['q', 'field', 'riskGrade', 'active'] as const;
const activeOptions = [
  { value: 'true', label: '在库' },
  { value: 'false', label: '已移出' },
];

type Dialog = { kind: 'add' | 'import' } | { kind: 'change'; target: Target } | null;

/**
 * 检查对象名录 (市场主体名录库; issue 15 item 1): the agency's targets by field and risk grade, added one by
 * one or from Excel, each change with its reason in the history. `?target=<id>` opens one's history.
 */
export function TargetsPage() {
  const { me } = useSession();
  const { filters, setFilters } = useUrlFilters(filterKeys);
  const [openTarget, showTarget] = useUrlParam('target');
  const [dialog, setDialog] = useState<Dialog>(null);
  const [version, setVersion] = useState(0);
  const query = filters as TargetFilters;
  const list = useRequest(() => inspectionsApi.targets(query), [JSON.stringify(query), version]);
  const manage = can(me, 'inspections.manageTargets');
  const [form] = Form.useForm<TargetFilters>();
  useEffect(() => {
    form.resetFields();
    form.setFieldsValue(filters as TargetFilters);
  }, [form, filters]);

  const saved = () => {
    setDialog(null);
    setVersion((v) => v + 1);
  };

  const columns: TableColumnsType<Target> = [
    { title: '统一社会信用代码', dataIndex: 'creditCode', width: 200 },
    {
      title: '名称',
      dataIndex: 'name',
      render: (name: string, t) => (
        <Button type="link" style={{ padding: 0 }} onClick={() => showTarget(t.id)}>
          {name}
        </Button>
      ),
    },
    { title: '地址', dataIndex: 'address' },
    { title: '监管领域', dataIndex: 'fieldLabel', width: 120 },
    {
      title: '风险等级',
      dataIndex: 'riskGrade',
      width: 130,
      render: (g: Target['riskGrade']) => riskGradeLabels[g],
    },
    {
      title: '状态',
      dataIndex: 'active',
      width: 80,
      render: (a: boolean) => (a ? <Tag color="green">在库</Tag> : <Tag>已移出</Tag>),
    },
    { title: '更新时间', dataIndex: 'updatedAt', width: 170, render: formatInstant },
    {
      title: '操作',
      key: 'actions',
      width: 140,
      render: (_, t) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => showTarget(t.id)}>
            变更记录
          </Button>
          {manage && (
            <Button type="link" size="small" onClick={() => setDialog({ kind: 'change', target: t })}>
              变更
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title="检查对象名录"
        extra={
          <>
            <Button
              icon={<DownloadOutlined />}
              onClick={() => void download(inspectionsApi.targetsExport, query, '检查对象名录.xlsx')}
            >
              导出 Excel
            </Button>
            {manage && (
              <>
                <Button icon={<UploadOutlined />} onClick={() => setDialog({ kind: 'import' })}>
                  导入 Excel
                </Button>
                <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'add' })}>
                  新增检查对象
                </Button>
              </>
            )}
          </>
        }
      />
      <Form<TargetFilters>
        name="target-filters"
        form={form}
        layout="inline"
        role="search"
        style={{ marginBottom: 16, rowGap: 8 }}
        onFinish={(v) => setFilters(v)}
      >
        <Form.Item name="q" label="名称或信用代码">
          <Input style={{ width: 200 }} allowClear />
        </Form.Item>
        <Form.Item name="field" label="监管领域">
          <Select style={{ width: 160 }} options={fieldOptions} allowClear placeholder="全部" />
        </Form.Item>
        <Form.Item name="riskGrade" label="风险等级">
          <Select style={{ width: 150 }} options={gradeOptions} allowClear placeholder="全部" />
        </Form.Item>
        <Form.Item name="active" label="状态">
          <Select style={{ width: 110 }} options={activeOptions} allowClear placeholder="全部" />
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
      <Table<Target>
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.loading}
        pagination={{ pageSize: 50, showTotal: (total) => `共 ${total} 户` }}
      />
      {openTarget && (
        <TargetHistoryDrawer targetId={openTarget} version={version} onClose={() => showTarget(undefined)} />
      )}
      {dialog?.kind === 'import' && <TargetsImportModal onClose={() => setDialog(null)} onImported={saved} />}
      {dialog?.kind === 'add' && <TargetFormModal onClose={() => setDialog(null)} onSaved={saved} />}
      {dialog?.kind === 'change' && (
        <TargetFormModal target={dialog.target} onClose={() => setDialog(null)} onSaved={saved} />
      )}
    </>
  );
}
