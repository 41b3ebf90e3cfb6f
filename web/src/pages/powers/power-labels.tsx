import { Tag } from 'antd';
import { actionKindLabels } from '../../../../src/powers/action-kinds.ts';
import { circumstanceLabels } from '../../../../src/powers/discretion.rules.ts';
import { versionStatusLabels, type PowerVersion } from '../../../../src/powers/power-list.schema.ts';
import { labelOf, optionsOf } from '../../ui/labels.tsx';

/** Labels of the power list (the server's own label tables) for the workbench. */
export const kindOptions = optionsOf(actionKindLabels);
export const statusOptions = optionsOf(versionStatusLabels);
export const circumstanceOptions = optionsOf(circumstanceLabels);
export const kindLabel = (kind: string) => labelOf(actionKindLabels, kind);
export const circumstanceLabel = (c: string) => labelOf(circumstanceLabels, c);

const statusColours: Readonly<Record<string, string>> = {
  draft: 'default',
  submitted: 'gold',
  published: 'green',
  rejected: 'red',
};

export function VersionStatusTag({ version }: { version: Pick<PowerVersion, 'status' | 'withdrawn'> }) {
  return (
    <>
      <Tag color={statusColours[version.status] ?? 'default'}>
        {labelOf(versionStatusLabels, version.status)}
      </Tag>
      {version.withdrawn && <Tag color="volcano">撤销事项</Tag>}
    </>
  );
}

/** 0 → "不予罚款"; fen as yuan with up to two decimals. */
export const yuan = (fen: number | null) =>
  fen === null ? '—' : `${(fen / 100).toLocaleString('zh-CN', { maximumFractionDigits: 2 })} 元`;

export const fineRange = (b: { minFen: number | null; maxFen: number | null }) =>
  b.minFen === null || b.maxFen === null ? '不予罚款' : `${yuan(b.minFen)} 至 ${yuan(b.maxFen)}`;

export const timeLimitText = (t: PowerVersion['timeLimit']) => {
  const days =
    t.days === null ? '无固定时限' : `${t.days} 个${t.dayKind === 'working' ? '工作日' : '自然日'}`;
  return t.note ? `${days}（${t.note}）` : days;
};
