import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, DatePicker, Flex, Row, Statistic, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { download } from '../../api/client.ts';
import { casesApi } from '../../api/cases.ts';
import { isoDate, today } from '../../ui/dates.ts';
import { LoadError } from '../../ui/load-error.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { useRequest } from '../../ui/use-request.ts';

const yuan = (fen: number | null) =>
  fen === null ? '—' : (fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2 });

/**
 * 行政处罚统计 (issue 12 item 3): the decisions of a period (by 决定日期, China dates) by the kinds of
 * 行政处罚法 §9 — how many, on whom, the fines and confiscations summed — for the agency, or for a
 * supervision office the agencies below it; Excel export.
 */
export function PenaltyStatisticsPage() {
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null]>([today().startOf('year'), today()]);
  const query = {
    from: isoDate(range[0]) ?? isoDate(today().startOf('year'))!,
    to: isoDate(range[1]) ?? isoDate(today())!,
  };
  const report = useRequest(() => casesApi.statistics(query), [query.from, query.to]);
  const r = report.data;
  return (
    <>
      <PageHeader
        title="行政处罚统计"
        extra={
          <Button
            icon={<DownloadOutlined />}
            onClick={() =>
              void download(casesApi.statisticsExport, query, `行政处罚统计_${query.from}_${query.to}.xlsx`)
            }
          >
            导出 Excel
          </Button>
        }
      />
      <Flex gap={8} style={{ marginBottom: 16 }} role="search">
        <DatePicker.RangePicker
          aria-label="决定日期"
          value={range}
          allowClear={false}
          onChange={(v) => v && setRange(v)}
        />
      </Flex>
      <LoadError error={report.error} retry={report.reload} />
      {r && (
        <Flex vertical gap={16}>
          <Typography.Text type="secondary">
            统计期间：{r.from} 至 {r.to}（按决定日期）
          </Typography.Text>
          <Row gutter={16}>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title="行政处罚决定" value={r.decisions} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title="其中并处两种以上" value={r.combined} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic
                  title="罚款（元）"
                  value={yuan(r.kinds.find((k) => k.kind === 'fine')?.amountFen ?? 0)}
                />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title="不予行政处罚决定" value={r.noPenalty} />
              </Card>
            </Col>
          </Row>
          <Card size="small" title="按处罚种类（行政处罚法第九条）">
            <Table
              rowKey="kind"
              size="small"
              pagination={false}
              dataSource={r.kinds}
              columns={[
                { title: '处罚种类', dataIndex: 'label' },
                { title: '案件数', dataIndex: 'cases', width: 90 },
                { title: '其中：公民', dataIndex: ['byParty', 'person'], width: 110 },
                { title: '其中：法人或其他组织', dataIndex: ['byParty', 'organisation'], width: 170 },
                { title: '金额（元）', dataIndex: 'amountFen', width: 140, render: yuan },
              ]}
            />
          </Card>
        </Flex>
      )}
    </>
  );
}
