import { DownloadOutlined } from '@ant-design/icons';
import { Button, Flex, Select, Statistic, Table, type TableColumnsType } from 'antd';
import { download } from '../../api/client.ts';
import { publicationsApi, type TimelinessRow } from '../../api/publications.ts';
import { today } from '../../ui/dates.ts';
import { LoadError } from '../../ui/load-error.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { useRequest } from '../../ui/use-request.ts';
import { useUrlFilters } from '../../ui/use-url-filters.ts';

const filterKeys = ['year'] as const;

export interface UnitRow {
  key: string;
  unitName: string;
  months: Record<string, { published: number; onTime: number }>;
  published: number;
  onTime: number;
}

/** Pivots the server's (unit, month) counts to one row per unit with a column per month, and a total row. */
export function pivot(rows: readonly TimelinessRow[]): {
  units: UnitRow[];
  months: string[];
  total: UnitRow;
} {
  const months = [...new Set(rows.map((r) => r.month))].sort();
  const byUnit = new Map<string, UnitRow>();
  const total: UnitRow = { key: 'total', unitName: '合计', months: {}, published: 0, onTime: 0 };
  for (const r of rows) {
    const key = r.unitId ?? 'none';
    const unit = byUnit.get(key) ?? {
      key,
      unitName: r.unitName ?? '机关本级',
      months: {},
      published: 0,
      onTime: 0,
    };
    byUnit.set(key, unit);
    for (const target of [unit, total]) {
      const cell = target.months[r.month] ?? { published: 0, onTime: 0 };
      cell.published += r.published;
      cell.onTime += r.onTime;
      target.months[r.month] = cell;
      target.published += r.published;
      target.onTime += r.onTime;
    }
  }
  return {
    units: [...byUnit.values()].sort((a, b) => a.unitName.localeCompare(b.unitName, 'zh-CN')),
    months,
    total,
  };
}

const share = (c: { published: number; onTime: number } | undefined) =>
  !c || c.published === 0
    ? '—'
    : `${((c.onTime / c.published) * 100).toFixed(1)}%（${c.onTime}/${c.published}）`;

/** 按时公示率: the share of publications published by their deadline, by unit and month. */
export function TimelinessPage() {
  const { filters, setFilters } = useUrlFilters(filterKeys);
  const thisYear = today().year(); // China's year, also on New Year's Eve in another zone
  const year = Number(filters.year) || thisYear;
  const request = useRequest(() => publicationsApi.timeliness(year), [year]);
  const { units, months, total } = pivot(request.data?.rows ?? []);

  const columns: TableColumnsType<UnitRow> = [
    { title: '内设机构', dataIndex: 'unitName', fixed: 'left', width: 160 },
    ...months.map((m) => ({
      title: m,
      key: m,
      width: 150,
      render: (_: unknown, u: UnitRow) => share(u.months[m]),
    })),
    {
      title: '全年',
      key: 'all',
      fixed: 'right' as const,
      width: 160,
      render: (_: unknown, u: UnitRow) => share(u),
    },
  ];

  return (
    <>
      <PageHeader
        title="按时公示率"
        extra={
          <Button
            icon={<DownloadOutlined />}
            onClick={() =>
              void download(publicationsApi.timelinessExport, { year }, `按时公示率-${year}.xlsx`)
            }
          >
            导出 Excel
          </Button>
        }
      />
      <Flex gap={32} align="center" wrap style={{ marginBottom: 16 }}>
        <Select
          aria-label="年份"
          value={year}
          style={{ width: 120 }}
          options={Array.from({ length: 6 }, (_, i) => ({
            value: thisYear - i,
            label: `${thisYear - i} 年`,
          }))}
          onChange={(y: number) => setFilters({ year: String(y) })}
        />
        <Statistic
          title="全年按时公示率"
          value={total.published ? (total.onTime / total.published) * 100 : 0}
          precision={1}
          suffix="%"
        />
        <Statistic title="已发布" value={total.published} suffix="条" />
        <Statistic title="按时发布" value={total.onTime} suffix="条" />
      </Flex>
      <LoadError error={request.error} retry={request.reload} />
      <Table<UnitRow>
        rowKey="key"
        size="small"
        loading={request.loading}
        columns={columns}
        dataSource={units}
        scroll={{ x: 'max-content' }}
        pagination={false}
        locale={{ emptyText: `${year} 年没有发布的公示信息` }}
        summary={() =>
          units.length > 1 ? (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
              {months.map((m, i) => (
                <Table.Summary.Cell key={m} index={i + 1}>
                  {share(total.months[m])}
                </Table.Summary.Cell>
              ))}
              <Table.Summary.Cell index={months.length + 1}>{share(total)}</Table.Summary.Cell>
            </Table.Summary.Row>
          ) : null
        }
      />
    </>
  );
}
