import { Tag } from 'antd';

/** Colours of review statuses and pre-check results; the labels come from the server's code tables. */
const statusColours: Readonly<Record<string, string>> = {
  submitted: 'gold',
  in_review: 'processing',
  approved: 'green',
  approved_with_changes: 'cyan',
  returned: 'orange',
  disapproved: 'red',
  deliberation: 'purple',
  void: 'default',
};

export function ReviewStatusTag({ status, label }: { status: string; label: string }) {
  return <Tag color={statusColours[status] ?? 'default'}>{label}</Tag>;
}

const precheckColours: Readonly<Record<string, string>> = { pass: 'green', warn: 'gold', fail: 'red' };
const precheckLabels: Readonly<Record<string, string>> = { pass: '通过', warn: '提示', fail: '不通过' };

export function PrecheckTag({ status }: { status: string }) {
  return <Tag color={precheckColours[status] ?? 'default'}>{precheckLabels[status] ?? status}</Tag>;
}

export const yuan = (fen: number): string =>
  `${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 0, maximumFractionDigits: 2 })} 元`;
