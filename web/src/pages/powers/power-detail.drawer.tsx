import {
  App,
  Button,
  Descriptions,
  Drawer,
  Empty,
  Flex,
  Spin,
  Table,
  Tabs,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import type { PowerDetail, PowerItem, PowerVersion } from '../../../../src/powers/power-list.schema.ts';
import { materialFormLabels } from '../../../../src/powers/service-guide.schema.ts';
import { ApiError } from '../../api/client.ts';
import { powersApi } from '../../api/powers.ts';
import { useSession } from '../../auth/session-context.ts';
import { formatInstant } from '../../ui/dates.ts';
import { labelOf } from '../../ui/labels.tsx';
import { LoadError } from '../../ui/load-error.tsx';
import { useRequest } from '../../ui/use-request.ts';
import { circumstanceLabel, fineRange, kindLabel, timeLimitText, VersionStatusTag } from './power-labels.tsx';
import { mayDraft, mayReview } from './power-roles.ts';

export type PowerAction = 'edit' | 'withdraw' | 'approve' | 'reject' | 'guide';

const reviewLabels: Record<string, string> = {
  submitted: '提交审核',
  published: '审核发布',
  rejected: '退回修改',
};
const reviewColours: Record<string, string> = { submitted: 'blue', published: 'green', rejected: 'red' };

function VersionContent({ v }: { v: PowerVersion }) {
  return (
    <Descriptions
      bordered
      size="small"
      column={1}
      items={[
        { key: 'name', label: '事项名称', children: v.name },
        { key: 'status', label: '状态', children: <VersionStatusTag version={v} /> },
        { key: 'effective', label: '生效日期', children: v.effectiveFrom },
        { key: 'reason', label: '变更原因', children: v.reason },
        { key: 'unit', label: '承办机构', children: v.unitName ?? '机关本身' },
        {
          key: 'bases',
          label: '法律依据',
          children: v.legalBases.map((b, i) => (
            <div key={i}>
              《{b.law}》{b.article}
              <Typography.Paragraph
                type="secondary"
                style={{ margin: 0 }}
                ellipsis={{ rows: 2, expandable: true }}
              >
                {b.text}
              </Typography.Paragraph>
            </div>
          )),
        },
        {
          key: 'procedure',
          label: '办理流程',
          children: <span style={{ whiteSpace: 'pre-line' }}>{v.procedure}</span>,
        },
        { key: 'time', label: '办理时限', children: timeLimitText(v.timeLimit) },
        { key: 'fees', label: '收费标准', children: v.fees },
        { key: 'supervision', label: '监督渠道', children: v.supervision },
        {
          key: 'remedies',
          label: '救济途径',
          children: `${v.remedies.reconsiderationDays} 日内向${v.remedies.reconsiderationBody}申请行政复议；${v.remedies.litigationMonths} 个月内向${v.remedies.court}提起行政诉讼`,
        },
        {
          key: 'random',
          label: '随机抽查',
          children: v.randomInspection
            ? `内容：${v.randomInspection.content}；方式：${v.randomInspection.method}；依据：${v.randomInspection.basis}`
            : '否',
        },
      ]}
    />
  );
}

export function BenchmarkTable({ v }: { v: PowerVersion }) {
  return (
    <Table
      rowKey={(b) => b.circumstance + b.description}
      size="small"
      pagination={false}
      dataSource={v.benchmarks}
      locale={{ emptyText: '没有裁量基准' }}
      columns={[
        { title: '裁量情形', dataIndex: 'circumstance', render: (c: string) => circumstanceLabel(c) },
        { title: '适用情形', dataIndex: 'description' },
        { title: '罚款幅度', key: 'range', render: (_, b) => fineRange(b) },
        { title: '其他处理', dataIndex: 'measures' },
      ]}
    />
  );
}

function GuideView({ itemId, version }: { itemId: string; version: number }) {
  const request = useRequest(() => powersApi.guide(itemId), [itemId, version]);
  const guide = request.data?.guide;
  if (request.error) return <LoadError error={request.error} retry={request.reload} />;
  if (!request.data) return <Spin />;
  if (!guide) return <Empty description="尚未编写服务指南" />;
  return (
    <Descriptions
      bordered
      size="small"
      column={1}
      items={[
        {
          key: 'conditions',
          label: '办理条件',
          children: <span style={{ whiteSpace: 'pre-line' }}>{guide.conditions}</span>,
        },
        {
          key: 'materials',
          label: '申请材料',
          children: guide.materials.length
            ? guide.materials.map((m, i) => (
                <div key={i}>
                  {i + 1}. {m.name}（{labelOf(materialFormLabels, m.form)} {m.copies} 份）
                  {m.note && `：${m.note}`}
                </div>
              ))
            : '无',
        },
        { key: 'place', label: '办理地点', children: guide.place },
        { key: 'hours', label: '办理时间', children: guide.hours },
        { key: 'contact', label: '咨询电话', children: guide.contact },
        { key: 'online', label: '网上办理', children: guide.onlineUrl || '—' },
        { key: 'note', label: '其他说明', children: guide.note || '—' },
        {
          key: 'revision',
          label: '修订',
          children: `第 ${guide.revision} 次，${guide.authorName ?? ''} ${formatInstant(guide.createdAt)}`,
        },
      ]}
    />
  );
}

/** One item of the power list: its newest version, every version, the review trail, benchmarks, guide. */
export function PowerDetailDrawer(props: {
  itemId: string;
  version: number;
  onAction: (item: PowerItem, action: PowerAction) => void;
  onChanged: () => void;
  onClose: () => void;
}) {
  const { me } = useSession();
  const { message } = App.useApp();
  const request = useRequest(() => powersApi.detail(props.itemId), [props.itemId, props.version]);
  const detail: PowerDetail | undefined = request.data;
  const item = detail?.item;
  const latest = item?.latest;
  const open = latest && (latest.status === 'draft' || latest.status === 'submitted');
  const drafter = mayDraft(me, item?.agencyId);
  const publisher = mayReview(me, item?.agencyId);

  async function submit() {
    if (!item) return;
    try {
      await powersApi.submit(item.id);
      void message.success(`第 ${item.latest.version} 版已提交审核`);
      props.onChanged();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      void message.error(error.detail ?? error.title);
    }
  }

  return (
    <Drawer
      open
      title={item ? `${item.code} ${item.latest.name}` : '权责事项'}
      size={760}
      onClose={props.onClose}
    >
      <LoadError error={request.error} retry={request.reload} />
      {!detail && request.loading && <Spin />}
      {item && latest && detail && (
        <Flex vertical gap={16}>
          <Flex gap={8} wrap align="center">
            <Tag>{kindLabel(item.kind)}</Tag>
            <span>现行版本：{item.inForceVersion ? `第 ${item.inForceVersion} 版` : '无'}</span>
            <span>最新：第 {latest.version} 版</span>
            <VersionStatusTag version={latest} />
          </Flex>
          <Flex gap={8} wrap>
            {drafter && !open && (
              <Button type="primary" onClick={() => props.onAction(item, 'edit')}>
                修改事项
              </Button>
            )}
            {drafter && latest.status === 'draft' && (
              <Button type="primary" onClick={() => void submit()}>
                提交审核
              </Button>
            )}
            {publisher && latest.status === 'submitted' && (
              <>
                <Button type="primary" onClick={() => props.onAction(item, 'approve')}>
                  审核发布
                </Button>
                <Button danger onClick={() => props.onAction(item, 'reject')}>
                  退回修改
                </Button>
              </>
            )}
            {drafter && !open && !latest.withdrawn && (
              <Button danger onClick={() => props.onAction(item, 'withdraw')}>
                取消事项
              </Button>
            )}
            {drafter && <Button onClick={() => props.onAction(item, 'guide')}>编辑服务指南</Button>}
          </Flex>
          <Tabs
            items={[
              { key: 'content', label: '最新版本', children: <VersionContent v={latest} /> },
              {
                key: 'versions',
                label: `版本历史（${detail.versions.length}）`,
                children: (
                  <Table<PowerVersion>
                    rowKey="id"
                    size="small"
                    pagination={false}
                    dataSource={[...detail.versions].reverse()}
                    expandable={{ expandedRowRender: (v) => <VersionContent v={v} /> }}
                    columns={[
                      { title: '版本', dataIndex: 'version', render: (n: number) => `第 ${n} 版` },
                      { title: '状态', key: 'status', render: (_, v) => <VersionStatusTag version={v} /> },
                      { title: '生效日期', dataIndex: 'effectiveFrom' },
                      { title: '变更原因', dataIndex: 'reason' },
                      { title: '起草人', dataIndex: 'authorName', render: (n: string | null) => n ?? '—' },
                      { title: '起草时间', dataIndex: 'createdAt', render: (t: string) => formatInstant(t) },
                    ]}
                  />
                ),
              },
              {
                key: 'reviews',
                label: '审核记录',
                children: detail.reviews.length ? (
                  <Timeline
                    items={detail.reviews.map((r) => ({
                      key: r.id,
                      color: reviewColours[r.action],
                      content: (
                        <>
                          <div>
                            {formatInstant(r.at)} {r.actorName ?? ''} {reviewLabels[r.action]}第 {r.version}{' '}
                            版
                          </div>
                          {r.note && <Typography.Text type="secondary">{r.note}</Typography.Text>}
                        </>
                      ),
                    }))}
                  />
                ) : (
                  <Empty description="暂无审核记录" />
                ),
              },
              { key: 'benchmarks', label: '裁量基准', children: <BenchmarkTable v={latest} /> },
              {
                key: 'guide',
                label: '服务指南',
                children: <GuideView itemId={item.id} version={props.version} />,
              },
            ]}
          />
        </Flex>
      )}
    </Drawer>
  );
}
