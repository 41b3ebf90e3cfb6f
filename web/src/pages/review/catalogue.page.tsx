import { Card, Descriptions, Flex, Table, Tag, Typography } from 'antd';
import { reviewApi, type CatalogueVersion } from '../../api/review.ts';
import { LoadError } from '../../ui/load-error.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { useRequest } from '../../ui/use-request.ts';

/** 法制审核目录 (S-12): the version in force, its rules with their basis, and every version with its approval. */
export function CataloguePage() {
  const data = useRequest(() => reviewApi.catalogue(), []);
  const inForce = data.data?.inForce;
  return (
    <>
      <PageHeader title="重大执法决定法制审核目录" />
      <LoadError error={data.error} retry={data.reload} />
      {inForce && (
        <Flex vertical gap={16}>
          <Card
            size="small"
            title={inForce.isDefault ? '施行中：默认目录' : `施行中：第 ${inForce.version} 版`}
          >
            <Descriptions size="small" column={1}>
              <Descriptions.Item label="说明">{inForce.reason}</Descriptions.Item>
              <Descriptions.Item label="审核期限">
                {inForce.period.workingDays} 个工作日，经批准可延长 {inForce.period.extensionWorkingDays}{' '}
                个工作日
              </Descriptions.Item>
              {inForce.approval && (
                <Descriptions.Item label="批准">
                  {inForce.approval.body} {inForce.approval.reference}（{inForce.approval.approvedOn}）
                </Descriptions.Item>
              )}
            </Descriptions>
            <Table
              rowKey="code"
              size="small"
              pagination={false}
              dataSource={inForce.rules}
              columns={[
                { title: '情形', dataIndex: 'label' },
                { title: '依据', dataIndex: 'basis', width: 280 },
              ]}
            />
          </Card>
          <Card size="small" title="全部版本">
            <Table<CatalogueVersion>
              rowKey="version"
              size="small"
              pagination={false}
              dataSource={data.data?.versions ?? []}
              locale={{ emptyText: '尚无本机关制定的目录，适用默认目录（除简易程序外的全部执法决定）' }}
              columns={[
                { title: '版本', dataIndex: 'version', width: 70 },
                { title: '施行日期', dataIndex: 'effectiveFrom', width: 110 },
                { title: '理由', dataIndex: 'reason' },
                {
                  title: '批准',
                  dataIndex: 'approval',
                  render: (a: CatalogueVersion['approval']) =>
                    a ? (
                      `${a.body} ${a.reference}（${a.approvedOn}）`
                    ) : (
                      <Tag color="orange">待县政府批准</Tag>
                    ),
                },
              ]}
            />
          </Card>
          <Typography.Text type="secondary">
            目录由法制机构起草，报县级人民政府批准后自施行日期起适用（行政处罚法 §58）。
          </Typography.Text>
        </Flex>
      )}
    </>
  );
}
