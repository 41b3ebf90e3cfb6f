import { DownloadOutlined } from '@ant-design/icons';
import { Button, Flex, Segmented, Table, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import type { Correction } from '../../../../src/publicity/publications.schema.ts';
import { download } from '../../api/client.ts';
import { publicationsApi, type CorrectionFilters } from '../../api/publications.ts';
import { useSession } from '../../auth/session-context.ts';
import { formatInstant } from '../../ui/dates.ts';
import { LoadError } from '../../ui/load-error.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { useRequest } from '../../ui/use-request.ts';
import { useUrlFilters } from '../../ui/use-url-filters.ts';
import { CorrectionAnswerModal } from './correction-answer.modal.tsx';
import { CountdownTag } from './publication-labels.tsx';
import { can } from '../../auth/abilities.ts';

const filterKeys = ['status'] as const;

/** 更正申请: requests from the public, each with its answer deadline, the nearest first. */
export function CorrectionsPage() {
  const { me } = useSession();
  const publisher = can(me, 'publications.publish');
  const { filters, page, pageSize, setFilters, setPage } = useUrlFilters(filterKeys);
  const status = (filters.status ?? 'open') as 'open' | 'answered' | 'all';
  const query: CorrectionFilters = status === 'all' ? {} : { status };
  const [answering, setAnswering] = useState<Correction | null>(null);
  const [version, setVersion] = useState(0);
  const list = useRequest(
    () => publicationsApi.corrections({ ...query, page, pageSize }),
    [status, page, pageSize, version],
  );

  const columns: TableColumnsType<Correction> = [
    { title: '受理编号', dataIndex: 'receiptNumber', width: 150 },
    { title: '决定文号', dataIndex: 'documentNumber', width: 170 },
    {
      title: '申请人',
      key: 'who',
      width: 180,
      render: (_, c) => `${c.requesterName}（${c.requesterContact}）`,
    },
    { title: '更正内容与理由', dataIndex: 'content', ellipsis: true },
    { title: '收到日期', dataIndex: 'receivedOn', width: 110 },
    {
      title: '答复期限',
      key: 'deadline',
      width: 230,
      render: (_, c) => (c.status === 'open' ? <CountdownTag deadline={c.deadline} /> : c.deadline.dueOn),
    },
    {
      title: '答复',
      key: 'answer',
      render: (_, c) =>
        c.status === 'answered' ? (
          <>
            {c.corrected ? <Tag color="green">已更正</Tag> : <Tag>未更正</Tag>}
            {c.answer}
            <div style={{ color: '#666' }}>{formatInstant(c.answeredAt)}</div>
          </>
        ) : publisher ? (
          <Button size="small" type="primary" onClick={() => setAnswering(c)}>
            答复
          </Button>
        ) : (
          <Tag color="gold">待答复</Tag>
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title="更正申请"
        extra={
          <Button
            icon={<DownloadOutlined />}
            onClick={() => void download(publicationsApi.correctionsExport, query, '更正申请.xlsx')}
          >
            导出 Excel
          </Button>
        }
      />
      <Flex style={{ marginBottom: 16 }}>
        <Segmented
          aria-label="答复状态"
          value={status}
          options={[
            { value: 'open', label: '待答复' },
            { value: 'answered', label: '已答复' },
            { value: 'all', label: '全部' },
          ]}
          onChange={(value) => setFilters({ status: value === 'open' ? undefined : value })}
        />
      </Flex>
      <LoadError error={list.error} retry={list.reload} />
      <Table<Correction>
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.loading}
        pagination={{
          current: page,
          pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => `共 ${total} 件`,
          onChange: setPage,
        }}
      />
      {answering && (
        <CorrectionAnswerModal
          correction={answering}
          onClose={() => setAnswering(null)}
          onSaved={() => {
            setAnswering(null);
            setVersion((v) => v + 1);
          }}
        />
      )}
    </>
  );
}
