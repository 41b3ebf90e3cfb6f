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

/**
 * The answers a point takes: the server's findings, except the crime point (review.rules.ts `crime`), which
 * is answered 是 or 否 — 是 a problem found (移送司法机关), 否 the point satisfied; never 不适用 (行政处罚法 §27).
 */
export function findingOptions(
  point: string,
  reference: { findings: Record<string, string> },
): { value: string; label: string }[] {
  if (point === 'crime') {
    return [
      { value: 'problem', label: '是' },
      { value: 'satisfied', label: '否' },
    ];
  }
  return Object.entries(reference.findings).map(([value, label]) => ({ value, label }));
}

/** A finding as shown after the conclusion: the crime point reads 是 or 否. */
export const findingLabel = (
  point: string,
  finding: string,
  reference: { findings: Record<string, string> },
): string =>
  findingOptions(point, reference).find((o) => o.value === finding)?.label ??
  reference.findings[finding] ??
  finding;
