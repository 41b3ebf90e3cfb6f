import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, DatePicker, Flex, Row, Statistic, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { download } from '../../api/client.ts';
import { reviewApi, type RateRow } from '../../api/review.ts';
import { isoDate } from '../../ui/dates.ts';
import { LoadError } from '../../ui/load-error.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { useRequest } from '../../ui/use-request.ts';

const rateColumns = (who: string) => [
  { title: who, dataIndex: 'name' },
  { title: '审核数', dataIndex: 'submitted', width: 90 },
  { title: '退回', dataIndex: 'returned', width: 80 },
  { title: '不同意', dataIndex: 'disapproved', width: 80 },
  { title: '退回率（%）', dataIndex: 'rate', width: 110 },
];

/**
 * 法制审核问责 (S-14): decisions made without a required review (zero by construction, shown by the query),
 * reviews past their period, refused attempts to decide, and return rates by unit and person; Excel export.
 */
export function AccountabilityPage() {
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const query = { from: isoDate(range?.[0]), to: isoDate(range?.[1]) };
  const report = useRequest(() => reviewApi.accountability(query), [query.from, query.to]);
  const r = report.data;
  return (
    <>
      <PageHeader
        title="法制审核问责统计"
        extra={
          <Button
            icon={<DownloadOutlined />}
            onClick={() => void download(reviewApi.accountabilityExport, query, '法制审核问责统计.xlsx')}
          >
            导出 Excel
          </Button>
        }
      />
      <Flex gap={8} style={{ marginBottom: 16 }} role="search">
        <DatePicker.RangePicker value={range} onChange={(v) => setRange(v)} />
      </Flex>
      <LoadError error={report.error} retry={report.reload} />
      {r && (
        <Flex vertical gap={16}>
          <Typography.Text type="secondary">
            统计期间：{r.from} 至 {r.to}
          </Typography.Text>
          <Row gutter={16}>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title="作出的决定" value={r.decisions.checked} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title="未经法制审核的重大决定" value={r.decisions.withoutReview.length} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title="逾期审核" value={r.overdue.length} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title="被拒绝的决定尝试" value={r.refusals.total} />
              </Card>
            </Col>
          </Row>
          <Card size="small" title="未经审核作出的重大决定">
            <Table
              rowKey="caseNumber"
              size="small"
              pagination={false}
              dataSource={r.decisions.withoutReview}
              locale={{ emptyText: '没有：每一项重大决定都经法制审核通过后作出' }}
              columns={[
                { title: '案件编号', dataIndex: 'caseNumber' },
                { title: '决定日期', dataIndex: 'decidedOn' },
                { title: '重大情形', dataIndex: 'reasons', render: (x: string[]) => x.join('；') },
              ]}
            />
          </Card>
          <Card size="small" title="逾期审核">
            <Table
              rowKey={(o) => `${o.caseNumber}-${o.round}`}
              size="small"
              pagination={false}
              dataSource={r.overdue}
              columns={[
                { title: '案件编号', dataIndex: 'caseNumber' },
                { title: '轮次', dataIndex: 'round', width: 64 },
                { title: '审核人员', dataIndex: 'reviewerName' },
                { title: '期限', dataIndex: 'dueOn' },
                { title: '办结', dataIndex: 'decidedOn', render: (d: string | null) => d ?? '未办结' },
                { title: '状态', dataIndex: 'status' },
              ]}
            />
          </Card>
          <Card size="small" title="被拒绝的决定尝试">
            <Table
              rowKey={(f) => `${f.caseNumber}-${f.at}`}
              size="small"
              dataSource={r.refusals.items}
              columns={[
                { title: '案件编号', dataIndex: 'caseNumber' },
                {
                  title: '时间',
                  dataIndex: 'at',
                  render: (at: string) => new Date(at).toLocaleString('zh-CN'),
                },
                { title: '原因', dataIndex: 'reasonLabel' },
                { title: '操作人', dataIndex: 'actorName' },
              ]}
            />
          </Card>
          <Row gutter={16}>
            {(
              [
                ['按承办单位', '承办单位', r.returnRates.byUnit],
                ['按承办人', '承办人', r.returnRates.byPerson],
                ['按审核人员', '审核人员', r.returnRates.byReviewer],
              ] as [string, string, RateRow[]][]
            ).map(([title, who, rows]) => (
              <Col key={title} xs={24} lg={8}>
                <Card size="small" title={`退回率（${title}）`}>
                  <Table
                    rowKey="name"
                    size="small"
                    pagination={false}
                    dataSource={rows}
                    columns={rateColumns(who)}
                  />
                </Card>
              </Col>
            ))}
          </Row>
        </Flex>
      )}
    </>
  );
}
