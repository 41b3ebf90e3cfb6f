import { Button, Card, Col, Empty, List, Row, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { casesApi, type DueItem, type Task } from '../../api/cases.ts';
import { can } from '../../auth/abilities.ts';
import { useSession } from '../../auth/session-context.ts';
import { LoadError } from '../../ui/load-error.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { useRequest } from '../../ui/use-request.ts';
import { kindLabel } from './cases.labels.ts';
import { Countdown } from './countdown.tsx';

export const caseLink = (id: string) => `/cases?case=${encodeURIComponent(id)}`;

/**
 * 我的待办: the periods of my cases that are due or overdue, with a countdown in working days, and the cases
 * where the next step is mine to take (as an assigned officer, or by role for approvals and decisions).
 */
export function TasksPage() {
  const { me } = useSession();
  const [scope, setScope] = useState<'due' | 'overdue'>('due');
  const deadlines = useRequest(() => casesApi.deadlines({ status: scope, days: 7, mine: 'true' }), [scope]);
  const tasks = useRequest(() => casesApi.tasks(), []);

  return (
    <>
      <PageHeader
        title="我的待办"
        extra={
          can(me, 'cases.create') && (
            <Link to="/cases/new">
              <Button type="primary">登记案件</Button>
            </Link>
          )
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card
            title="临期和逾期的法定期限"
            extra={
              <Segmented
                size="small"
                value={scope}
                onChange={(v) => setScope(v as 'due' | 'overdue')}
                options={[
                  { value: 'due', label: '七日内到期' },
                  { value: 'overdue', label: '已逾期' },
                ]}
              />
            }
          >
            <LoadError error={deadlines.error} retry={deadlines.reload} />
            <DeadlineList items={deadlines.data?.items ?? []} loading={deadlines.loading} />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title="待我办理的环节">
            <LoadError error={tasks.error} retry={tasks.reload} />
            <TaskList items={tasks.data?.items ?? []} loading={tasks.loading} />
          </Card>
        </Col>
      </Row>
    </>
  );
}

function DeadlineList({ items, loading }: { items: DueItem[]; loading: boolean }) {
  return (
    <Table<DueItem>
      rowKey="id"
      size="small"
      loading={loading}
      dataSource={items}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: <Empty description="没有临期或逾期的期限" /> }}
      columns={[
        {
          title: '案件',
          key: 'case',
          render: (_, d) => (
            <Space orientation="vertical" size={0}>
              <Link to={caseLink(d.caseId)}>{d.caseNumber}</Link>
              <Typography.Text type="secondary">{d.title}</Typography.Text>
            </Space>
          ),
        },
        {
          title: '期限',
          dataIndex: 'label',
          render: (label: string, d) => <span title={d.basis}>{label}</span>,
        },
        { title: '截止日', dataIndex: 'dueOn' },
        {
          title: '倒计时',
          key: 'countdown',
          render: (_, d) => <Countdown workingDaysLeft={d.workingDaysLeft} dueOn={d.dueOn} />,
        },
      ]}
    />
  );
}

function TaskList({ items, loading }: { items: Task[]; loading: boolean }) {
  return (
    <List<Task>
      loading={loading}
      dataSource={items}
      locale={{ emptyText: <Empty description="暂无待办环节" /> }}
      renderItem={(t) => (
        <List.Item
          actions={[
            <Link key="open" to={caseLink(t.case.id)}>
              办理
            </Link>,
          ]}
        >
          <List.Item.Meta
            title={
              <Space wrap>
                <Link to={caseLink(t.case.id)}>{t.case.caseNumber}</Link>
                <Tag>{kindLabel(t.case.kind)}</Tag>
                <Tag color="processing">{t.case.stateLabel}</Tag>
              </Space>
            }
            description={
              <Space orientation="vertical" size={2}>
                <span>
                  {t.case.title}
                  {t.partyNames.length > 0 && `（${t.partyNames.join('、')}）`}
                </span>
                <span>
                  下一步：
                  {t.steps.map((s) => (
                    <Tag key={s.step} color={s.decision ? 'gold' : 'default'}>
                      {s.label}
                    </Tag>
                  ))}
                </span>
                {t.nextDue && (
                  <Typography.Text type={t.nextDue.overdue ? 'danger' : 'secondary'}>
                    {t.nextDue.label}：{t.nextDue.dueOn} 截止{t.nextDue.overdue ? '（已逾期）' : ''}
                  </Typography.Text>
                )}
              </Space>
            }
          />
        </List.Item>
      )}
    />
  );
}
