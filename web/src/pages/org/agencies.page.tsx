import { PlusOutlined } from '@ant-design/icons';
import { Button, Space, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { agencyKindLabels, agencyLevelLabels, type Agency } from '../../../../src/org/org.schema.ts';
import { canManage, useSession } from '../../auth/session-context.ts';
import { labelOf } from '../../ui/labels.tsx';
import { LoadError } from '../../ui/load-error.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { AgencyFormModal } from './agency-form.modal.tsx';
import { useAgencies } from './use-agencies.ts';

type Editing = { mode: 'create' } | { mode: 'edit'; agency: Agency } | null;

/** 机关: the person's agency and those below it; an administrator adds agencies below their own. */
export function AgenciesPage() {
  const { me } = useSession();
  const { agencies, loading, error, reload } = useAgencies();
  const [editing, setEditing] = useState<Editing>(null);
  const own = me?.agency.id ?? '';
  const admin = canManage(me, own);
  const nameOf = new Map(agencies.map((a) => [a.id, a.name]));

  const columns: TableColumnsType<Agency> = [
    { title: '机关名称', dataIndex: 'name' },
    { title: '简称', dataIndex: 'shortName' },
    { title: '统一社会信用代码', dataIndex: 'creditCode' },
    { title: '行政区划', dataIndex: 'regionCode' },
    { title: '层级', dataIndex: 'level', render: (level: string) => labelOf(agencyLevelLabels, level) },
    { title: '类别', dataIndex: 'kind', render: (kind: string) => labelOf(agencyKindLabels, kind) },
    {
      title: '上级机关',
      dataIndex: 'parentId',
      render: (parentId: string | null) => (parentId ? (nameOf.get(parentId) ?? '—') : '—'),
    },
    {
      title: '操作',
      key: 'actions',
      render: (_, agency) => (
        <Space>
          <Link to={`/org/units?agencyId=${agency.id}`}>内设机构</Link>
          {admin && (agency.id === own || agency.parentId === own) && (
            <Button type="link" size="small" onClick={() => setEditing({ mode: 'edit', agency })}>
              编辑
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title="机关"
        extra={
          admin && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ mode: 'create' })}>
              新增下级机关
            </Button>
          )
        }
      />
      <LoadError error={error} retry={reload} />
      <Table<Agency>
        rowKey="id"
        columns={columns}
        dataSource={agencies}
        loading={loading}
        pagination={false}
      />
      {editing && (
        <AgencyFormModal
          agency={editing.mode === 'edit' ? editing.agency : undefined}
          parentId={own}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            reload();
          }}
        />
      )}
    </>
  );
}
