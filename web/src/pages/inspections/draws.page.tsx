import { DownloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Empty, Flex, Select, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { download } from '../../api/client.ts';
import { inspectionsApi, type CommitmentView, type Task } from '../../api/inspections.ts';
import { can } from '../../auth/abilities.ts';
import { useSession } from '../../auth/session-context.ts';
import { useSubmit } from '../../forms/use-submit.ts';
import { LoadError } from '../../ui/load-error.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { useRequest } from '../../ui/use-request.ts';
import { useUrlParam } from '../../ui/use-url-filters.ts';
import { BeaconModal } from './beacon.modal.tsx';
import { CommitFormModal } from './commit-form.modal.tsx';
import { chinaTime } from './inspections.labels.ts';

type Beacon = CommitmentView['beacons'][number];
type Drawn = NonNullable<CommitmentView['draw']>['selection'][number];
const mono = { fontFamily: 'monospace', wordBreak: 'break-all' } as const;
const counted = (r: Record<string, number>) =>
  Object.entries(r)
    .map(([g, n]) => `${g} 级 ${n} 户`)
    .join('，') || '—';

/**
 * 抽取 (issue 15 item 3; docs/random-inspection.md): per task of a published plan, the commitment with
 * its SHA-256 and the China time after which the draw is allowed, each beacon entered once, the draw, and
 * the selection with its inspectors and inspection cases, as published on the portal.
 */
export function DrawsPage() {
  const { me } = useSession();
  const { modal } = App.useApp();
  const [taskId, setTaskId] = useUrlParam('task');
  const [dialog, setDialog] = useState<{ kind: 'commit' } | { kind: 'beacon'; beacon: Beacon } | null>(null);
  const [version, setVersion] = useState(0);
  const plans = useRequest(() => inspectionsApi.plans(), []);
  const tasks: Task[] = (plans.data?.items ?? [])
    .filter((p) => p.state === 'published')
    .flatMap((p) => p.tasks)
    .filter((t) => t.state !== 'cancelled' || t.id === taskId);
  const task = tasks.find((t) => t.id === taskId);
  const view = useRequest(
    () => (taskId ? inspectionsApi.commitmentOfTask(taskId) : Promise.resolve({ commitment: null })),
    [taskId, version],
  );
  const c = view.data?.commitment ?? null;
  const mayDraw = can(me, 'inspections.draw');
  const { run, submitting } = useSubmit();
  const saved = () => {
    setDialog(null);
    setVersion((v) => v + 1);
  };
  const allEntered = !!c && c.beacons.every((b) => b.value !== null);
  const early = !!c && Date.now() < Date.parse(c.drawNotBefore);

  const draw = () =>
    c &&
    modal.confirm({
      title: '抽取？',
      content: '抽取按 sanxiang-draw/v1 计算并立即公开，结果不能重做；每个抽中的对象开立一件检查案件。',
      okText: '抽取',
      cancelText: '取消',
      onOk: async () => {
        if (await run(() => inspectionsApi.draw(c.id), '已抽取')) saved();
      },
    });

  return (
    <>
      <PageHeader
        title="抽取"
        extra={
          c?.draw && (
            <Button
              icon={<DownloadOutlined />}
              onClick={() =>
                void download(inspectionsApi.drawExport(c.draw!.id), {}, `抽取结果_${task?.title ?? ''}.xlsx`)
              }
            >
              导出 Excel
            </Button>
          )
        }
      />
      <Flex gap={8} align="center" style={{ marginBottom: 16 }} role="search">
        <span>抽查任务</span>
        <Select
          aria-label="抽查任务"
          style={{ width: 420 }}
          value={taskId}
          placeholder="请选择已公示计划中的任务"
          loading={plans.loading}
          options={tasks.map((t) => ({ value: t.id, label: `${t.title}（${t.stateLabel}）` }))}
          onChange={(v: string) => setTaskId(v)}
        />
      </Flex>
      <LoadError error={plans.error ?? view.error} retry={view.reload} />
      {!taskId && <Empty description="请选择抽查任务" />}
      {task && !view.loading && !c && (
        <Card size="small" title="抽取承诺">
          <Typography.Paragraph>该任务尚未作出抽取承诺。</Typography.Paragraph>
          {mayDraw && task.state === 'planned' && (
            <Button type="primary" onClick={() => setDialog({ kind: 'commit' })}>
              作出抽取承诺
            </Button>
          )}
        </Card>
      )}
      {c && (
        <Flex vertical gap={16}>
          <Card size="small" title="抽取承诺">
            <Descriptions size="small" column={1} bordered>
              <Descriptions.Item label="算法">{c.algorithm}</Descriptions.Item>
              <Descriptions.Item label="承诺摘要（SHA-256）">
                <Typography.Text copyable style={mono} data-testid="commitment-sha256">
                  {c.commitmentSha256}
                </Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label="承诺时间">{chinaTime(c.committedAt)}</Descriptions.Item>
              <Descriptions.Item label="最早抽取时间">
                <span data-testid="draw-not-before">{chinaTime(c.drawNotBefore)}</span>
              </Descriptions.Item>
              <Descriptions.Item label="可抽取对象">{counted(c.eligible)}</Descriptions.Item>
              <Descriptions.Item label="抽取户数">{counted(c.counts)}</Descriptions.Item>
              <Descriptions.Item label="检查人员名录">
                {c.inspectorCount} 人（回避声明 {c.recusalCount} 条）
              </Descriptions.Item>
            </Descriptions>
          </Card>
          <Card size="small" title="公开随机数">
            <Table<Beacon>
              rowKey="position"
              size="small"
              pagination={false}
              dataSource={c.beacons}
              columns={[
                { title: '序号', dataIndex: 'position', width: 60, render: (p: number) => p + 1 },
                { title: '种类', dataIndex: 'kindLabel', width: 220 },
                { title: '承诺指定', dataIndex: 'description' },
                {
                  title: '取值及出处',
                  key: 'value',
                  render: (_, b) =>
                    b.value ? (
                      <Flex vertical>
                        <span style={mono}>{b.value}</span>
                        <Typography.Text type="secondary">
                          {b.source}；录入于 {chinaTime(b.enteredAt)}
                        </Typography.Text>
                      </Flex>
                    ) : mayDraw ? (
                      <Button size="small" onClick={() => setDialog({ kind: 'beacon', beacon: b })}>
                        录入
                      </Button>
                    ) : (
                      <Tag>未录入</Tag>
                    ),
                },
              ]}
            />
          </Card>
          {!c.draw && mayDraw && (
            <Card size="small" title="抽取">
              {early && (
                <Alert
                  type="info"
                  showIcon
                  style={{ marginBottom: 12 }}
                  title={`承诺作出 24 小时后方可抽取：${chinaTime(c.drawNotBefore)} 之后`}
                />
              )}
              {!allEntered && (
                <Alert type="warning" showIcon style={{ marginBottom: 12 }} title="尚有公开随机数未录入" />
              )}
              <Button type="primary" disabled={!allEntered} loading={submitting} onClick={() => void draw()}>
                抽取
              </Button>
            </Card>
          )}
          {c.draw && <Selection draw={c.draw} />}
        </Flex>
      )}
      {dialog?.kind === 'commit' && task && (
        <CommitFormModal task={task} onClose={() => setDialog(null)} onSaved={saved} />
      )}
      {dialog?.kind === 'beacon' && c && (
        <BeaconModal
          commitmentId={c.id}
          beacon={dialog.beacon}
          onClose={() => setDialog(null)}
          onSaved={saved}
        />
      )}
    </>
  );
}

function Selection({ draw }: { draw: NonNullable<CommitmentView['draw']> }) {
  return (
    <Card
      size="small"
      data-testid="draw-selection"
      title="抽取结果"
      extra={
        <Flex gap={12}>
          <a href={`/inspections/draws/${draw.id}`} target="_blank" rel="noreferrer">
            门户公示页
          </a>
          <a href={`/inspections/draws/${draw.id}.json`} target="_blank" rel="noreferrer">
            公开抽取文件（JSON）
          </a>
        </Flex>
      }
    >
      <Descriptions size="small" column={1} style={{ marginBottom: 8 }}>
        <Descriptions.Item label="种子">
          <span style={mono}>{draw.seed}</span>
        </Descriptions.Item>
        <Descriptions.Item label="抽取时间">{chinaTime(draw.drawnAt)}</Descriptions.Item>
      </Descriptions>
      <Table<Drawn>
        rowKey="creditCode"
        size="small"
        pagination={false}
        dataSource={draw.selection}
        columns={[
          { title: '序号', key: 'n', width: 60, render: (_, __, i) => i + 1 },
          { title: '检查对象', dataIndex: 'name' },
          { title: '统一社会信用代码', dataIndex: 'creditCode', width: 200 },
          { title: '地址', dataIndex: 'address' },
          {
            title: '检查人员',
            dataIndex: 'inspectors',
            render: (list: Drawn['inspectors']) =>
              list.map((i) => `${i.name}（${i.certificateNumber}）`).join('、'),
          },
          {
            title: '检查案件',
            dataIndex: 'caseId',
            width: 110,
            render: (id: string | null) => (id ? <Link to={`/cases?case=${id}`}>打开案件</Link> : '—'),
          },
        ]}
      />
    </Card>
  );
}
