import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Flex, Space, Table, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import type { Person } from '../../../../src/org/org.schema.ts';
import { download } from '../../api/client.ts';
import { orgApi, type PeopleFilters as Filters } from '../../api/org.ts';
import { canManage, useSession } from '../../auth/session-context.ts';
import { CertificateStatusTag, RoleTags } from '../../ui/labels.tsx';
import { LoadError } from '../../ui/load-error.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { useRequest } from '../../ui/use-request.ts';
import { useUrlFilters, useUrlParam } from '../../ui/use-url-filters.ts';
import { CertificateAddModal } from './certificate-add.modal.tsx';
import { PeopleFilters } from './people-filters.tsx';
import { PeopleImportModal } from './people-import.modal.tsx';
import { PersonCreateDrawer } from './person-create.drawer.tsx';
import { PersonDetailDrawer, type PersonActions } from './person-detail.drawer.tsx';
import { PersonEditModal } from './person-edit.modal.tsx';
import { RolesModal } from './roles.modal.tsx';
import { useAgencies } from './use-agencies.ts';

const filterKeys = ['agencyId', 'unitId', 'q', 'role', 'active'] as const;

type Dialog =
  { kind: 'create' | 'import' } | { kind: 'edit' | 'roles' | 'certificate'; person: Person } | null;

/** 人员: the agency's staff with their roles, accounts and certificates. `?person=<id>` opens one. */
export function PeoplePage() {
  const { me } = useSession();
  const { agencies } = useAgencies();
  const { filters, page, pageSize, setFilters, setPage } = useUrlFilters(filterKeys);
  const [openPerson, showPerson] = useUrlParam('person');
  const query = filters as Filters;
  const [dialog, setDialog] = useState<Dialog>(null);
  const [version, setVersion] = useState(0);
  const list = useRequest(
    () => orgApi.people({ ...query, page, pageSize }),
    [JSON.stringify(query), page, pageSize, version],
  );
  const ownAgencyId = me?.agency.id ?? '';
  const admin = canManage(me, query.agencyId ?? ownAgencyId);

  const saved = () => {
    setDialog(null);
    setVersion((v) => v + 1);
  };
  const actions: PersonActions = {
    edit: (person) => setDialog({ kind: 'edit', person }),
    roles: (person) => setDialog({ kind: 'roles', person }),
    addCertificate: (person) => setDialog({ kind: 'certificate', person }),
  };

  const columns: TableColumnsType<Person> = [
    {
      title: '姓名',
      dataIndex: 'name',
      render: (name: string, person) => (
        <Button type="link" style={{ padding: 0 }} onClick={() => showPerson(person.id)}>
          {name}
        </Button>
      ),
    },
    { title: '内设机构', dataIndex: 'unitName', render: (unit: string | null) => unit ?? '—' },
    { title: '职务', dataIndex: 'post' },
    { title: '角色', dataIndex: 'roles', render: (roles: string[]) => <RoleTags roles={roles} /> },
    { title: '用户名', dataIndex: 'username', render: (username: string | null) => username ?? '—' },
    {
      title: '执法证',
      dataIndex: 'certificates',
      render: (certificates: Person['certificates']) => (
        <Flex vertical gap={4}>
          {certificates.map((c) => (
            <span key={c.id}>
              {c.number} <CertificateStatusTag status={c.displayStatus} />
            </span>
          ))}
        </Flex>
      ),
    },
    {
      title: '状态',
      dataIndex: 'active',
      render: (active: boolean) => (active ? <Tag color="green">在岗</Tag> : <Tag>停用</Tag>),
    },
    {
      title: '操作',
      key: 'actions',
      render: (_, person) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => showPerson(person.id)}>
            详情
          </Button>
          {admin && (
            <>
              <Button type="link" size="small" onClick={() => actions.edit(person)}>
                编辑
              </Button>
              <Button type="link" size="small" onClick={() => actions.roles(person)}>
                角色
              </Button>
            </>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title="人员"
        extra={
          <>
            <Button
              icon={<DownloadOutlined />}
              onClick={() => void download(orgApi.peopleExport, query, '人员.xlsx')}
            >
              导出 Excel
            </Button>
            {admin && (
              <>
                <Button icon={<UploadOutlined />} onClick={() => setDialog({ kind: 'import' })}>
                  导入 Excel
                </Button>
                <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'create' })}>
                  新增人员
                </Button>
              </>
            )}
          </>
        }
      />
      <PeopleFilters
        value={filters}
        ownAgencyId={ownAgencyId}
        agencies={agencies}
        onChange={(next) => setFilters(next)}
      />
      <LoadError error={list.error} retry={list.reload} />
      <Table<Person>
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.loading}
        pagination={{
          current: page,
          pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => `共 ${total} 人`,
          onChange: setPage,
        }}
      />
      {openPerson && (
        <PersonDetailDrawer
          personId={openPerson}
          version={version}
          actions={actions}
          onClose={() => showPerson(undefined)}
        />
      )}
      {dialog?.kind === 'create' && (
        <PersonCreateDrawer agencyId={ownAgencyId} onClose={() => setDialog(null)} onSaved={saved} />
      )}
      {dialog?.kind === 'import' && <PeopleImportModal onClose={() => setDialog(null)} onImported={saved} />}
      {dialog?.kind === 'edit' && (
        <PersonEditModal person={dialog.person} onClose={() => setDialog(null)} onSaved={saved} />
      )}
      {dialog?.kind === 'roles' && (
        <RolesModal person={dialog.person} onClose={() => setDialog(null)} onSaved={saved} />
      )}
      {dialog?.kind === 'certificate' && (
        <CertificateAddModal person={dialog.person} onClose={() => setDialog(null)} onSaved={saved} />
      )}
    </>
  );
}
