import { Card, Descriptions, Flex, List, Space, Tag, Typography } from 'antd';
import { stepLabels } from '../../../../src/review/prechecks/procedure.rules.ts';
import { type ReviewDetail, type ReviewReference } from '../../api/review.ts';
import { PrecheckTag, yuan } from './review-labels.tsx';

/** What was submitted for review: the package, the automatic pre-checks, and what changed since the last round. */

export function PackageCard({ review, reference }: { review: ReviewDetail; reference: ReviewReference }) {
  const pkg = review.package;
  const p = review.proposal;
  return (
    <Card size="small" title="送审材料">
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label="当事人">{pkg.party.name}</Descriptions.Item>
        <Descriptions.Item label="执法事项">
          {pkg.item ? `${pkg.item.code} ${pkg.item.name}` : '未关联'}
        </Descriptions.Item>
        <Descriptions.Item label="违法事实">
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{p.facts}</Typography.Paragraph>
        </Descriptions.Item>
        <Descriptions.Item label="拟作出的决定">{p.summary}</Descriptions.Item>
        <Descriptions.Item label="处罚种类">
          {p.measures.map((m) => (
            <Tag key={m}>{reference.measures[m] ?? m}</Tag>
          ))}
        </Descriptions.Item>
        <Descriptions.Item label="罚款 / 没收">
          {yuan(p.amountFen)} / {yuan(p.confiscationFen)}
        </Descriptions.Item>
        <Descriptions.Item label="裁量说明">{p.discretionReason || '—'}</Descriptions.Item>
        <Descriptions.Item label="法律依据">
          {p.legalBases.map((b) => `《${b.law}》${b.article}`).join('；') || '—'}
        </Descriptions.Item>
        <Descriptions.Item label="重大情形">
          {review.majorReasons.map((r) => (
            <Tag key={r.code} title={r.basis}>
              {r.label}
            </Tag>
          ))}
        </Descriptions.Item>
        <Descriptions.Item label="程序环节">
          {pkg.steps.map((s) => `${s.on} ${stepLabels[s.step] ?? s.step}`).join(' → ')}
        </Descriptions.Item>
        <Descriptions.Item label="音像记录">{pkg.evidence.length} 份</Descriptions.Item>
        <Descriptions.Item label="执法文书">
          {pkg.documents.map((d) => d.number ?? d.title).join('；') || '—'}
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

export function PrechecksCard({ review, reference }: { review: ReviewDetail; reference: ReviewReference }) {
  return (
    <Card size="small" title="自动预审">
      <List
        size="small"
        dataSource={review.prechecks}
        renderItem={(c) => (
          <List.Item>
            <Flex vertical gap={4} style={{ width: '100%' }}>
              <Space wrap>
                <PrecheckTag status={c.status} />
                <Typography.Text strong>{c.label}</Typography.Text>
                <Typography.Text type="secondary">（{reference.points[c.point] ?? c.point}）</Typography.Text>
              </Space>
              {c.evidence.map((line, i) => (
                <Typography.Text key={i} style={{ fontSize: 13 }}>
                  {line}
                </Typography.Text>
              ))}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                依据：{c.basis}
              </Typography.Text>
            </Flex>
          </List.Item>
        )}
      />
    </Card>
  );
}

export function DiffCard({ review }: { review: ReviewDetail }) {
  const diff = review.diff!;
  const shown = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));
  const lists: [string, { added: string[]; removed: string[] }][] = [
    ['程序环节', diff.steps],
    ['音像记录', diff.evidence],
    ['执法文书', diff.documents],
  ];
  return (
    <Card size="small" title="与上一轮相比的变化">
      {diff.fields.length === 0 && (
        <Typography.Text type="secondary">审核涉及的事实、金额、依据和当事人未变化。</Typography.Text>
      )}
      {diff.fields.map((f) => (
        <Typography.Paragraph key={f.field}>
          <Typography.Text strong>{f.label}</Typography.Text>：
          <Typography.Text delete>{shown(f.before)}</Typography.Text> → {shown(f.after)}
        </Typography.Paragraph>
      ))}
      {lists.map(([label, d]) =>
        d.added.length + d.removed.length > 0 ? (
          <Typography.Paragraph key={label}>
            {label}：{d.added.length > 0 && `新增 ${d.added.join('、')}`}
            {d.removed.length > 0 && ` 移除 ${d.removed.join('、')}`}
          </Typography.Paragraph>
        ) : null,
      )}
    </Card>
  );
}
