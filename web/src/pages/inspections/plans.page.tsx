import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, Empty, Flex, Space, Table, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { download } from '../../api/client.ts';
import { inspectionsApi, type Plan, type Task } from '../../api/inspections.ts';
import { can } from '../../auth/abilities.ts';
import { useSession } from '../../auth/session-context.ts';
import { useSubmit } from '../../forms/use-submit.ts';
import { formatInstant } from '../../ui/dates.ts';
import { LoadError } from '../../ui/load-error.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { useRequest } from '../../ui/use-request.ts';
import { quotaText } from './inspections.labels.ts';
import { PlanApproveModal, PlanCreateModal, TaskCancelModal } from './plan-modals.tsx';
import { TaskFormModal } from './task-form.modal.tsx';

const planColours = { draft: 'default', approved: 'blue', published: 'green' } as const;
const taskColours = { planned: 'default', committed: 'orange', drawn: 'green', cancelled: 'red' } as const;

type Dialog =
  { kind: 'create' } | { kind: 'task' | 'approve'; plan: Plan } | { kind: 'cancel'; task: Task } | null;

/**
 * 抽查计划 (issue 15 item 2): the yearly plans with their tasks. The unit head drafts a plan and its tasks,
 * the agency head approves it, and it is published on the portal before its first task starts.
 */
export function PlansPage() {
  const { me } = useSession();
  const { modal } = App.useApp();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [version, setVersion] = useState(0);
  const list = useRequest(() => inspectionsApi.plans(), [version]);
  const { run } = useSubmit();
  const mayPlan = can(me, 'inspections.plan');
  const mayApprove = can(me, 'inspections.approve');
  const saved = () => {
    setDialog(null);
    setVersion((v) => v + 1);
  };

  const publish = (plan: Plan) =>
    modal.confirm({
      title: `公示抽查计划「${plan.title}」？`,
      content: '公示后计划及其任务在门户公开，不能再增加任务。',
      okText: '公示',
      cancelText: '取消',
      onOk: async () => {
        if (await run(() => inspectionsApi.publishPlan(plan.id), `已公示「${plan.title}」`)) saved();
      },
    });

  const taskColumns = (plan: Plan): TableColumnsType<Task> => [
    { title: '任务名称', dataIndex: 'title' },
    { title: '抽查事项', dataIndex: 'itemName', render: (n: string | null) => n ?? '—' },
    { title: '监管领域', dataIndex: 'fieldLabel', width: 110 },
    { title: '抽取', dataIndex: 'quotas', render: (q: Task['quotas']) => quotaText(q) },
    {
      title: '期间',
      key: 'period',
      width: 200,
      render: (_, t) => `${t.startsOn} 至 ${t.endsOn}`,
    },
    {
      title: '状态',
      dataIndex: 'stateLabel',
      width: 150,
      render: (label: string, t) => (
        <Flex vertical>
          <Tag color={taskColours[t.state]}>{label}</Tag>
          {t.cancelledReason && <span>原因：{t.cancelledReason}</span>}
        </Flex>
      ),
    },
    {
      title: '操作',
      key: 'actions',
      width: 160,
      render: (_, t) => (
        <Space size={0}>
          {plan.state === 'published' && t.state !== 'cancelled' && (
            <Link to={`/inspections/draws?task=${t.id}`}>{t.state === 'drawn' ? '抽取结果' : '抽取'}</Link>
          )}
          {mayPlan && t.state !== 'cancelled' && t.state !== 'drawn' && (
            <Button type="link" size="small" danger onClick={() => setDialog({ kind: 'cancel', task: t })}>
              取消任务
            </Button>
          )}
        </Space>
      ),
    },
  ];

  const plans = list.data?.items ?? [];
  return (
    <>
      <PageHeader
        title="抽查计划"
        extra={
          <>
            <Button
              icon={<DownloadOutlined />}
              onClick={() => void download(inspectionsApi.plansExport, {}, '抽查计划.xlsx')}
            >
              导出 Excel
            </Button>
            {mayPlan && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'create' })}>
                新建计划
              </Button>
            )}
          </>
        }
      />
      <LoadError error={list.error} retry={list.reload} />
      {!list.loading && plans.length === 0 && <Empty description="暂无抽查计划" />}
      <Flex vertical gap={16}>
        {plans.map((plan) => (
          <Card
            key={plan.id}
            size="small"
            data-testid="plan"
            title={
              <Space>
                {plan.year} 年度：{plan.title}
                <Tag color={planColours[plan.state]}>{plan.stateLabel}</Tag>
              </Space>
            }
            extra={
              <Space>
                {mayPlan && plan.state === 'draft' && (
                  <Button size="small" onClick={() => setDialog({ kind: 'task', plan })}>
                    增加任务
                  </Button>
                )}
                {mayApprove && plan.state === 'draft' && (
                  <Button size="small" type="primary" onClick={() => setDialog({ kind: 'approve', plan })}>
                    批准计划
                  </Button>
                )}
                {mayPlan && plan.state === 'approved' && (
                  <Button size="small" type="primary" onClick={() => void publish(plan)}>
                    公示计划
                  </Button>
                )}
              </Space>
            }
          >
            <Descriptions size="small" column={3} style={{ marginBottom: 8 }}>
              <Descriptions.Item label="批准">
                {plan.approvedOn ? `${plan.approvedOn}（${plan.approvedByName ?? ''}）` : '未批准'}
              </Descriptions.Item>
              <Descriptions.Item label="公示">
                {plan.publishedAt ? formatInstant(plan.publishedAt) : '未公示'}
              </Descriptions.Item>
            </Descriptions>
            <Table<Task>
              rowKey="id"
              size="small"
              pagination={false}
              columns={taskColumns(plan)}
              dataSource={plan.tasks}
              locale={{ emptyText: '还没有抽查任务' }}
            />
          </Card>
        ))}
      </Flex>
      {dialog?.kind === 'create' && <PlanCreateModal onClose={() => setDialog(null)} onSaved={saved} />}
      {dialog?.kind === 'task' && (
        <TaskFormModal plan={dialog.plan} onClose={() => setDialog(null)} onSaved={saved} />
      )}
      {dialog?.kind === 'approve' && (
        <PlanApproveModal plan={dialog.plan} onClose={() => setDialog(null)} onSaved={saved} />
      )}
      {dialog?.kind === 'cancel' && (
        <TaskCancelModal task={dialog.task} onClose={() => setDialog(null)} onSaved={saved} />
      )}
    </>
  );
}
