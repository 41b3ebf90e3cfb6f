import { PlusOutlined } from '@ant-design/icons';
import { Button, Form, Table, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { unitKindLabels, type Unit } from '../../../../src/org/org.schema.ts';
import { orgApi } from '../../api/org.ts';
import { canManage, useSession } from '../../auth/session-context.ts';
import { labelOf } from '../../ui/labels.tsx';
import { LoadError } from '../../ui/load-error.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { useRequest } from '../../ui/use-request.ts';
import { useUrlFilters } from '../../ui/use-url-filters.ts';
import { AgencySelect } from './agency-select.tsx';
import { UnitFormModal } from './unit-form.modal.tsx';
import { useAgencies } from './use-agencies.ts';

const filterKeys = ['agencyId'] as const;
type Editing = { mode: 'create' } | { mode: 'edit'; unit: Unit } | null;

/** 内设机构: the units (科室, 监管所, 法制机构, 执法队伍) of one agency, the person's own by default. */
export function UnitsPage() {
  const { me } = useSession();
  const { agencies } = useAgencies();
  const { filters, setFilters } = useUrlFilters(filterKeys);
  const agencyId = filters.agencyId ?? me?.agency.id ?? '';
  const units = useRequest(async () => (await orgApi.units(agencyId)).items, [agencyId]);
  const [editing, setEditing] = useState<Editing>(null);
  const admin = canManage(me, agencyId);

  const columns: TableColumnsType<Unit> = [
    { title: '机构名称', dataIndex: 'name' },
    { title: '机构类别', dataIndex: 'kind', render: (kind: string) => labelOf(unitKindLabels, kind) },
    {
      title: '状态',
      dataIndex: 'active',
      render: (active: boolean) => (active ? <Tag color="green">启用</Tag> : <Tag>停用</Tag>),
    },
    ...(admin
      ? [
          {
            title: '操作',
            key: 'actions',
            render: (_: unknown, unit: Unit) => (
              <Button type="link" size="small" onClick={() => setEditing({ mode: 'edit', unit })}>
                编辑
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader
        title="内设机构"
        extra={
          admin && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ mode: 'create' })}>
              新增内设机构
            </Button>
          )
        }
      />
      {agencies.length > 1 && (
        <Form layout="inline" style={{ marginBottom: 16 }}>
          <Form.Item label="机关" htmlFor="units-agency">
            <AgencySelect
              id="units-agency"
              agencies={agencies}
              value={filters.agencyId}
              onChange={(value) => setFilters({ agencyId: value })}
            />
          </Form.Item>
        </Form>
      )}
      <LoadError error={units.error} retry={units.reload} />
      <Table<Unit>
        rowKey="id"
        columns={columns}
        dataSource={units.data ?? []}
        loading={units.loading}
        pagination={false}
      />
      {editing && (
        <UnitFormModal
          agencyId={agencyId}
          unit={editing.mode === 'edit' ? editing.unit : undefined}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            units.reload();
          }}
        />
      )}
    </>
  );
}
