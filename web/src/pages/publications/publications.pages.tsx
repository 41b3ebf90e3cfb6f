import { Alert, type TableColumnsType } from 'antd';
import { actionKindLabels, actionKinds } from '../../../../src/powers/action-kinds.ts';
import type { PublicationSummary } from '../../../../src/publicity/publications.schema.ts';
import { publicationsApi } from '../../api/publications.ts';
import { useRequest } from '../../ui/use-request.ts';
import { formatInstant } from '../../ui/dates.ts';
import { CountdownTag } from './publication-labels.tsx';
import { PublicationList } from './publication-list.tsx';

type Columns = TableColumnsType<PublicationSummary>;

const countdown: Columns = [
  {
    title: '公示期限',
    key: 'due',
    width: 230,
    sorter: (a, b) => a.publication.daysLeft - b.publication.daysLeft,
    defaultSortOrder: 'ascend',
    render: (_, p) => <CountdownTag deadline={p.publication} />,
  },
];

/** 待审核: drafts submitted for the publisher's review, the nearest deadline first. */
export function ReviewQueuePage() {
  return (
    <PublicationList
      title="待审核公示"
      fixed={{ status: 'in_review' }}
      columns={countdown}
      intro={
        <Alert
          style={{ marginBottom: 16 }}
          type="info"
          showIcon
          title="审核后发布；起草人不能审核自己起草的公示信息。"
        />
      }
    />
  );
}

/** 草稿: drafts not yet submitted, with their countdown. */
export function DraftsPage() {
  return <PublicationList title="公示草稿" fixed={{ status: 'draft' }} columns={countdown} creatable />;
}

/** 超期未公示: unpublished past their due day (the agency's periods in 公示设置, as the server keeps them). */
export function OverduePage() {
  const settings = useRequest(() => publicationsApi.settings(), []);
  const within = settings.data?.publishWithin;
  const periods = within
    ? actionKinds.map((k) => `${actionKindLabels[k]}决定 ${within[k]} 个工作日`).join('、')
    : null;
  return (
    <PublicationList
      title="超期未公示"
      fixed={{ overdue: 'true' }}
      columns={countdown}
      intro={
        <Alert
          style={{ marginBottom: 16 }}
          type="warning"
          showIcon
          title={`以下决定已超过公示期限仍未发布${periods ? `（公示期限：${periods}；可在公示设置中调整）` : ''}。`}
        />
      }
    />
  );
}

/** 公示中: what the public sees now; a revoked or changed decision is withdrawn from here. */
export function PublishedPage() {
  return (
    <PublicationList
      title="公示中"
      fixed={{ status: 'published' }}
      columns={[
        { title: '发布日期', dataIndex: 'publishedOn', width: 110 },
        {
          title: '按时',
          dataIndex: 'publishedOnTime',
          width: 70,
          render: (v: boolean | null) => (v === null ? '—' : v ? '是' : '否'),
        },
        {
          title: '公示期至',
          dataIndex: 'periodEndsOn',
          width: 110,
          render: (d: string | null) => d ?? '长期',
        },
      ]}
    />
  );
}

/** 已撤回: withdrawals with their public reason. */
export function WithdrawalsPage() {
  return (
    <PublicationList
      title="已撤回公示"
      fixed={{ status: 'withdrawn' }}
      columns={[
        {
          title: '撤回时间',
          dataIndex: 'withdrawnAt',
          width: 170,
          render: (t: string | null) => formatInstant(t),
        },
        { title: '撤回理由', dataIndex: 'withdrawalReason', ellipsis: true },
      ]}
    />
  );
}
