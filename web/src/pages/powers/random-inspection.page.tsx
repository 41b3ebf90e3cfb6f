import type { TableColumnsType } from 'antd';
import type { PowerItem } from '../../../../src/powers/power-list.schema.ts';
import { PowerListView } from './powers.page.tsx';

const columns: TableColumnsType<PowerItem> = [
  { title: '抽查内容', key: 'content', render: (_, i) => i.latest.randomInspection?.content ?? '—' },
  { title: '抽查方式', key: 'method', render: (_, i) => i.latest.randomInspection?.method ?? '—' },
  { title: '抽查依据', key: 'basis', render: (_, i) => i.latest.randomInspection?.basis ?? '—' },
];

/** 随机抽查事项清单: the items flagged for random inspection, with content, method and basis. */
export function RandomInspectionPage() {
  return (
    <PowerListView
      title="随机抽查事项清单"
      fixed={{ randomInspection: 'true' }}
      columns={columns}
      hideCreate
    />
  );
}
