import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Table, Tag } from 'antd';
import { Link } from 'react-router';
import { download } from '../../api/client.ts';
import { casesApi, type CaseFilters as Filters, type CaseListItem } from '../../api/cases.ts';
import { can } from '../../auth/abilities.ts';
import { useSession } from '../../auth/session-context.ts';
import { LoadError } from '../../ui/load-error.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { useRequest } from '../../ui/use-request.ts';
import { useUrlFilters, useUrlParam } from '../../ui/use-url-filters.ts';
import { usePeopleOptions } from '../records/use-records-options.ts';
import { CaseFilters, caseFilterKeys } from './case-filters.tsx';
import { CasePage } from './case.page.tsx';
import { kindLabel, yuan } from './cases.labels.ts';

/** 案件: the cases with their filters in the address; `?case=<id>` opens one case's page. */
export function CasesPage() {
  const { me } = useSession();
  const { filters, page, pageSize, setFilters, setPage } = useUrlFilters(caseFilterKeys);
  const [openId, showCase] = useUrlParam('case');
  const { officerOptions } = usePeopleOptions(me?.agency.id);
  const query = filters as Filters;
  const list = useRequest(
    () => (openId ? Promise.resolve(undefined) : casesApi.list({ ...query, page, pageSize })),
    [JSON.stringify(query), page, pageSize, openId],
  );

  if (openId) return <CasePage id={openId} onBack={() => showCase(undefined)} />;

  return (
    <>
      <PageHeader
        title="案件"
        extra={
          <>
            <Button
              icon={<DownloadOutlined />}
              onClick={() => void download(casesApi.export, query, '案件.xlsx')}
            >
              导出 Excel
            </Button>
            {can(me, 'cases.create') && (
              <Link to="/cases/new">
                <Button type="primary" icon={<PlusOutlined />}>
                  登记案件
                </Button>
              </Link>
            )}
          </>
        }
      />
      <CaseFilters value={filters} officerOptions={officerOptions} onChange={(next) => setFilters(next)} />
      <LoadError error={list.error} retry={list.reload} />
      <Table<CaseListItem>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        pagination={{
          current: page,
          pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => `共 ${total} 件`,
          onChange: setPage,
        }}
        columns={[
          {
            title: '案号',
            dataIndex: 'caseNumber',
            render: (number: string, c) => (
              <a
                href={`?case=${c.id}`}
                onClick={(e) => {
                  e.preventDefault();
                  showCase(c.id);
                }}
              >
                {number}
              </a>
            ),
          },
          { title: '案由', dataIndex: 'title' },
          { title: '类别', dataIndex: 'kind', render: (k: string) => kindLabel(k) },
          {
            title: '状态',
            dataIndex: 'stateLabel',
            render: (label: string, c) => (
              <Tag color={c.final ? 'default' : c.suspendedSince ? 'orange' : 'processing'}>
                {label}
                {c.suspendedSince ? '（中止）' : ''}
              </Tag>
            ),
          },
          { title: '当事人', dataIndex: 'partyNames', render: (names: string[]) => names.join('、') },
          { title: '发现（受理）日期', dataIndex: 'discoveredOn' },
          { title: '金额', dataIndex: 'amountFen', render: (fen: number | null) => yuan(fen) },
        ]}
      />
    </>
  );
}
