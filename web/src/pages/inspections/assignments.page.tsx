import { DownloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Space, Table, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { download } from '../../api/client.ts';
import { inspectionsApi, type Assignment } from '../../api/inspections.ts';
import { can } from '../../auth/abilities.ts';
import { useSession } from '../../auth/session-context.ts';
import { useSubmit } from '../../forms/use-submit.ts';
import { formatInstant } from '../../ui/dates.ts';
import { LoadError } from '../../ui/load-error.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { useRequest } from '../../ui/use-request.ts';
import { useUrlParam } from '../../ui/use-url-filters.ts';
import { Countdown } from '../cases/countdown.tsx';
import { resultLabels } from './inspections.labels.ts';
import { ResultModal } from './result.modal.tsx';

/** 我的检查: the drawn inspections the signed-in inspector carries out. */
export const MyInspectionsPage = () => <AssignmentsPage mine />;
/** 检查结果: every drawn target of the agency, its result and whether it was published in time. */
export const InspectionResultsPage = () => <AssignmentsPage mine={false} />;

/**
 * The inspections of drawn targets (issue 15 item 5): the case and its state, the result once recorded,
 * and its publication within 20 working days of the result, with the countdown and an overdue warning.
 */
function AssignmentsPage({ mine }: { mine: boolean }) {
  const { me } = useSession();
  const { modal } = App.useApp();
  const [drawId] = useUrlParam('drawId');
  const [version, setVersion] = useState(0);
  const [recording, setRecording] = useState<Assignment | null>(null);
  const query = { mine: mine ? 'true' : 'false', drawId } as const;
  const list = useRequest(() => inspectionsApi.assignments(query), [mine, drawId, version]);
  const { run } = useSubmit();
  const mayInspect = can(me, 'inspections.inspect');
  const mayPublish = can(me, 'inspections.publishResult');
  const items = list.data?.items ?? [];
  const late = items.filter((a) => a.overdue);
  const saved = () => {
    setRecording(null);
    setVersion((v) => v + 1);
  };

  const publish = (a: Assignment) =>
    modal.confirm({
      title: `公示「${a.targetName}」的检查结果？`,
      content: '公示后在门户公开，不能撤回。',
      okText: '公示',
      cancelText: '取消',
      onOk: async () => {
        if (await run(() => inspectionsApi.publishResult(a.id), `已公示「${a.targetName}」的检查结果`))
          saved();
      },
    });

  const columns: TableColumnsType<Assignment> = [
    { title: '抽查任务', dataIndex: 'taskTitle' },
    {
      title: '检查对象',
      key: 'target',
      render: (_, a) => (
        <Flex vertical>
          <span>{a.targetName}</span>
          <span style={{ color: '#888' }}>{a.creditCode}</span>
        </Flex>
      ),
    },
    {
      title: '检查人员',
      dataIndex: 'inspectors',
      render: (l: Assignment['inspectors']) => l.map((i) => i.name).join('、'),
    },
    {
      title: '检查案件',
      key: 'case',
      render: (_, a) =>
        a.caseId ? (
          <Link
            to={`/cases?case=${a.caseId}`}
          >{`${a.caseNumber ?? '打开案件'}（${a.caseStateLabel ?? ''}）`}</Link>
        ) : (
          '—'
        ),
    },
    {
      title: '检查结果',
      key: 'result',
      render: (_, a) =>
        a.result ? (
          <Flex vertical>
            <span>{a.resultLabel ?? resultLabels[a.result]}</span>
            <span style={{ color: '#888' }}>{a.resultOn}</span>
          </Flex>
        ) : (
          <Tag>未出结果</Tag>
        ),
    },
    {
      title: '结果公示',
      key: 'publish',
      width: 190,
      render: (_, a) =>
        a.publishedAt ? (
          <Tag color="green">已公示 {formatInstant(a.publishedAt)}</Tag>
        ) : a.publishDueOn && a.workingDaysLeft !== null ? (
          <Countdown workingDaysLeft={a.workingDaysLeft} dueOn={a.publishDueOn} />
        ) : (
          '—'
        ),
    },
    {
      title: '操作',
      key: 'actions',
      width: 160,
      render: (_, a) =>
        !a.publishedAt && (
          <Space size={0}>
            {mayInspect && !a.result && (
              <Button type="link" size="small" onClick={() => setRecording(a)}>
                记录结果
              </Button>
            )}
            {mayPublish && a.result && (
              <Button type="link" size="small" onClick={() => void publish(a)}>
                公示结果
              </Button>
            )}
          </Space>
        ),
    },
  ];

  const title = mine ? '我的检查' : '检查结果';
  return (
    <>
      <PageHeader
        title={title}
        extra={
          <Button
            icon={<DownloadOutlined />}
            onClick={() => void download(inspectionsApi.assignmentsExport, query, `${title}.xlsx`)}
          >
            导出 Excel
          </Button>
        }
      />
      {late.length > 0 && (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 16 }}
          title={`${late.length} 项检查结果超过 20 个工作日未公示`}
          description={late.map((a) => `${a.targetName}（应于 ${a.publishDueOn} 前公示）`).join('；')}
        />
      )}
      <LoadError error={list.error} retry={list.reload} />
      <Table<Assignment>
        rowKey="id"
        columns={columns}
        dataSource={items}
        loading={list.loading}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: mine ? '暂无分配给我的检查' : '暂无抽中的检查对象' }}
      />
      {recording && <ResultModal assignment={recording} onClose={() => setRecording(null)} onSaved={saved} />}
    </>
  );
}
