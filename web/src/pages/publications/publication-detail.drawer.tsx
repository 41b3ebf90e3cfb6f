import {
  Alert,
  App,
  Button,
  Descriptions,
  Drawer,
  Empty,
  Flex,
  Spin,
  Tabs,
  Timeline,
  Typography,
} from 'antd';
import type { PublicationDetail, PublicationSummary } from '../../../../src/publicity/publications.schema.ts';
import { sanctionKindLabels } from '../../../../src/publicity/publications.schema.ts';
import { ApiError } from '../../api/client.ts';
import { publicationsApi } from '../../api/publications.ts';
import { formatInstant } from '../../ui/dates.ts';
import { labelOf } from '../../ui/labels.tsx';
import { LoadError } from '../../ui/load-error.tsx';
import { useRequest } from '../../ui/use-request.ts';
import type { PublicationAction } from './publication-action.modal.tsx';
import { CountdownTag, kindLabel, partyKindLabel, PublicationStatusTag } from './publication-labels.tsx';
import { offers } from '../../auth/abilities.ts';

const eventLabels: Record<string, string> = {
  drafted: '起草',
  edited: '修改',
  submitted: '提交审核',
  returned: '退回修改',
  published: '发布',
  withdrawn: '撤回',
  ended: '公示结束',
  corrected: '更正',
};

const yuan = (fen: number) => `${(fen / 100).toLocaleString('zh-CN', { maximumFractionDigits: 2 })} 元`;

function sanctionText(s: PublicationDetail['sanctions'][number]): string {
  const label = labelOf(sanctionKindLabels, s.kind);
  if (s.kind === 'fine') return `${label} ${yuan(s.amountFen)}`;
  if (s.kind === 'practice_ban' || s.kind === 'production_restriction') {
    return s.lifelong ? `${label}（终身）` : s.until ? `${label}（至 ${s.until}）` : label;
  }
  return label;
}

/** One publication: what the portal shows (masked), the deadlines, the guard's findings, the trail. */
export function PublicationDetailDrawer(props: {
  publicationId: string;
  version: number;
  onAction: (p: PublicationSummary, action: PublicationAction) => void;
  onChanged: () => void;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const request = useRequest(
    () => publicationsApi.detail(props.publicationId),
    [props.publicationId, props.version],
  );
  const p = request.data;
  const publisher = offers(p, 'publish');
  const drafter = offers(p, 'draft');

  async function submit() {
    if (!p) return;
    try {
      await publicationsApi.submit(p.id);
      void message.success('已提交审核');
      props.onChanged();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      void message.error(error.detail ?? error.title);
    }
  }

  return (
    <Drawer open title={p ? `${p.documentNumber}` : '公示信息'} size={780} onClose={props.onClose}>
      <LoadError error={request.error} retry={request.reload} />
      {!p && request.loading && <Spin />}
      {p && (
        <Flex vertical gap={16}>
          <Flex gap={8} wrap align="center">
            <PublicationStatusTag status={p.shownStatus} />
            {!p.publishedOn && <CountdownTag deadline={p.publication} />}
            {p.publishedOn && (
              <span>
                {p.publishedOn} 发布{p.publishedOnTime === false ? '（超期发布）' : '（按时）'}
              </span>
            )}
          </Flex>
          <Flex gap={8} wrap>
            {drafter && p.status === 'draft' && (
              <Button type="primary" onClick={() => void submit()}>
                提交审核
              </Button>
            )}
            {publisher && p.status === 'in_review' && (
              <>
                <Button type="primary" onClick={() => props.onAction(p, 'approve')}>
                  审核发布
                </Button>
                <Button danger onClick={() => props.onAction(p, 'return')}>
                  退回修改
                </Button>
              </>
            )}
            {publisher && p.status === 'published' && (
              <Button danger onClick={() => props.onAction(p, 'withdraw')}>
                撤回公示
              </Button>
            )}
          </Flex>
          {p.guard.length > 0 && (
            <Alert
              type="error"
              showIcon
              title="仍有未脱敏的个人信息，不能发布"
              description={p.guard.map((g, i) => (
                <div key={i}>{g.message}</div>
              ))}
            />
          )}
          {p.reviewNote && p.status === 'draft' && (
            <Alert type="warning" showIcon title={`退回理由：${p.reviewNote}`} />
          )}
          <Tabs
            items={[
              {
                key: 'content',
                label: '公示内容',
                children: (
                  <Descriptions
                    bordered
                    size="small"
                    column={1}
                    items={[
                      { key: 'title', label: '标题', children: p.title },
                      { key: 'kind', label: '类别', children: kindLabel(p.kind) },
                      { key: 'agency', label: '机关', children: p.agencyName },
                      {
                        key: 'party',
                        label: '当事人',
                        children: `${p.partyName}（${partyKindLabel(p.partyKind)}）`,
                      },
                      { key: 'code', label: '统一社会信用代码', children: p.partyCreditCode ?? '—' },
                      { key: 'doc', label: '决定文号', children: p.documentNumber },
                      { key: 'decided', label: '决定日期', children: p.decidedOn },
                      {
                        key: 'sanctions',
                        label: '处罚种类',
                        children: p.sanctions.map(sanctionText).join('；') || '—',
                      },
                      { key: 'due', label: '公示期限', children: <CountdownTag deadline={p.publication} /> },
                      { key: 'period', label: '公示期至', children: p.periodEndsOn ?? '—' },
                      ...(p.withdrawnAt
                        ? [
                            { key: 'withdrawn', label: '撤回时间', children: formatInstant(p.withdrawnAt) },
                            { key: 'reason', label: '撤回理由', children: p.withdrawalReason },
                          ]
                        : []),
                      ...(p.withdrawal
                        ? [
                            {
                              key: 'wdue',
                              label: '撤回期限',
                              children: <CountdownTag deadline={p.withdrawal} />,
                            },
                          ]
                        : []),
                      { key: 'verify', label: '核验码', children: p.verificationCode ?? '尚未写入记录日志' },
                      {
                        key: 'summary',
                        label: '摘要',
                        children: <span style={{ whiteSpace: 'pre-line' }}>{p.summary}</span>,
                      },
                    ]}
                  />
                ),
              },
              {
                key: 'document',
                label: '决定书（脱敏后）',
                children: (
                  <Typography.Paragraph style={{ whiteSpace: 'pre-line' }}>
                    {p.documentText}
                  </Typography.Paragraph>
                ),
              },
              {
                key: 'corrections',
                label: `更正申请（${p.corrections.length}）`,
                children: p.corrections.length ? (
                  <Timeline
                    items={p.corrections.map((c) => ({
                      key: c.id,
                      color: c.status === 'open' ? (c.deadline.overdue ? 'red' : 'blue') : 'green',
                      content: (
                        <>
                          <div>
                            {c.receivedOn} {c.requesterName}：{c.content}
                          </div>
                          {c.answer ? (
                            <Typography.Text type="secondary">答复：{c.answer}</Typography.Text>
                          ) : (
                            <CountdownTag deadline={c.deadline} />
                          )}
                        </>
                      ),
                    }))}
                  />
                ) : (
                  <Empty description="没有更正申请" />
                ),
              },
              {
                key: 'events',
                label: '处理记录',
                children: (
                  <Timeline
                    items={p.events.map((e) => ({
                      key: e.id,
                      content: (
                        <>
                          <div>
                            {formatInstant(e.at)} {e.actorName ?? '系统'} {eventLabels[e.action] ?? e.action}
                          </div>
                          {e.note && <Typography.Text type="secondary">{e.note}</Typography.Text>}
                        </>
                      ),
                    }))}
                  />
                ),
              },
            ]}
          />
        </Flex>
      )}
    </Drawer>
  );
}
