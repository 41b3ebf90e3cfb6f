import { Tag } from 'antd';
import { actionKindLabels } from '../../../../src/powers/action-kinds.ts';
import { partyKindLabels } from '../../../../src/publicity/publications.schema.ts';
import { publicationStatusLabels } from '../../../../src/publicity/publications.rules.ts';
import { labelOf, optionsOf } from '../../ui/labels.tsx';

/** Labels of publications for the workbench (the server's own label tables). */
export const kindOptions = optionsOf(actionKindLabels);
export const statusOptions = optionsOf(publicationStatusLabels);
export const kindLabel = (kind: string) => labelOf(actionKindLabels, kind);
export const partyKindLabel = (kind: string) => labelOf(partyKindLabels, kind);

const statusColours: Readonly<Record<string, string>> = {
  draft: 'default',
  in_review: 'gold',
  published: 'green',
  withdrawn: 'red',
  ended: 'default',
};

export function PublicationStatusTag({ status }: { status: string }) {
  return <Tag color={statusColours[status] ?? 'default'}>{labelOf(publicationStatusLabels, status)}</Tag>;
}

export interface Deadline {
  dueOn: string;
  daysLeft: number;
  overdue: boolean;
  warnings: { message: string }[];
}

/** A deadline's countdown in working days: red when overdue, orange in its last two days. */
export function CountdownTag({ deadline }: { deadline: Deadline }) {
  const { daysLeft, overdue } = deadline;
  const text = overdue
    ? `超期 ${-daysLeft} 个工作日`
    : daysLeft === 0
      ? '今日到期'
      : `剩 ${daysLeft} 个工作日`;
  const colour = overdue ? 'red' : daysLeft <= 2 ? 'orange' : 'blue';
  return (
    <span>
      <Tag color={colour}>{text}</Tag>
      <span style={{ whiteSpace: 'nowrap' }}>{deadline.dueOn}</span>
      {deadline.warnings.map((w, i) => (
        <Tag key={i} color="warning" title={w.message}>
          日历未载入
        </Tag>
      ))}
    </span>
  );
}
