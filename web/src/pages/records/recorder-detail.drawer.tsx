import { Descriptions, Drawer, Flex, Spin, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { recordsApi, type Loan } from '../../api/records.ts';
import { formatInstant } from '../../ui/dates.ts';
import { LoadError } from '../../ui/load-error.tsx';
import { useRequest } from '../../ui/use-request.ts';
import { EvidenceTable } from './evidence-table.tsx';
import { recorderKindLabels, recorderStatusLabels } from './records.labels.ts';

const loanColumns: TableColumnsType<Loan> = [
  { title: '领用人', dataIndex: 'officerName' },
  { title: '领用时间', dataIndex: 'checkedOutAt', render: (at: string) => formatInstant(at) },
  { title: '领用备注', dataIndex: 'outNote', render: (note: string) => note || '—' },
  {
    title: '归还时间',
    dataIndex: 'checkedInAt',
    render: (at: string | null) => (at ? formatInstant(at) : <Tag color="orange">未归还</Tag>),
  },
  { title: '归还备注', dataIndex: 'inNote', render: (note: string | null) => note || '—' },
];

/** A device: what it is, who has had it (check-out and check-in), and every evidence file it made. */
export function RecorderDetailDrawer(props: {
  recorderId: string;
  version: number;
  nameOf: (personId: string) => string;
  onClose: () => void;
}) {
  const detail = useRequest(() => recordsApi.recorder(props.recorderId), [props.recorderId, props.version]);
  const files = useRequest(
    () => recordsApi.evidenceList({ recorderId: props.recorderId, page: 1, pageSize: 200 }),
    [props.recorderId, props.version],
  );
  const recorder = detail.data?.recorder;
  return (
    <Drawer open title={recorder ? `设备：${recorder.serial}` : '设备'} size={900} onClose={props.onClose}>
      <LoadError error={detail.error} retry={detail.reload} />
      {!recorder && detail.loading && <Spin />}
      {recorder && (
        <Flex vertical gap={16}>
          <Descriptions
            bordered
            size="small"
            column={2}
            items={[
              { key: 'serial', label: '设备编号', children: recorder.serial },
              { key: 'model', label: '型号', children: recorder.model },
              { key: 'kind', label: '设备类型', children: recorderKindLabels[recorder.kind] },
              { key: 'unit', label: '配发内设机构', children: recorder.unitName ?? '—' },
              { key: 'status', label: '状态', children: recorderStatusLabels[recorder.status] },
              {
                key: 'holder',
                label: '当前领用人',
                children: recorder.holder
                  ? `${recorder.holder.officerName}（${formatInstant(recorder.holder.since)} 起）`
                  : '在库',
              },
            ]}
          />
          <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
            领用记录
          </Typography.Title>
          <Table<Loan>
            rowKey="id"
            size="small"
            columns={loanColumns}
            dataSource={detail.data?.loans ?? []}
            pagination={false}
            locale={{ emptyText: '尚无领用记录' }}
          />
          <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
            该设备拍摄的证据文件{files.data ? `（${files.data.total} 个）` : ''}
          </Typography.Title>
          <LoadError error={files.error} retry={files.reload} />
          <EvidenceTable
            items={files.data?.items ?? []}
            loading={files.loading}
            nameOf={props.nameOf}
            compact
          />
        </Flex>
      )}
    </Drawer>
  );
}
