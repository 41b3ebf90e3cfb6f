import type { TableColumnsType } from 'antd';
import type { PowerItem } from '../../../../src/powers/power-list.schema.ts';
import { BenchmarkTable } from './power-detail.drawer.tsx';
import { PowerListView } from './powers.page.tsx';

const columns: TableColumnsType<PowerItem> = [
  { title: '裁量阶次', key: 'count', width: 90, render: (_, i) => `${i.latest.benchmarks.length} 档` },
];

/** 裁量基准: each penalty item with its benchmarks (circumstance → range); expand a row to see them. */
export function BenchmarksPage() {
  return (
    <PowerListView
      title="行政处罚裁量基准"
      fixed={{ kind: 'penalty' }}
      columns={columns}
      expanded={(item) => <BenchmarkTable v={item.latest} />}
      hideCreate
    />
  );
}
