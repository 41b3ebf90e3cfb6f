import { Table, Tag, type TableColumnsType, type TablePaginationConfig } from 'antd';
import { Link } from 'react-router';
import type { Evidence } from '../../api/records.ts';
import { formatInstant } from '../../ui/dates.ts';
import { labelOf } from '../../ui/labels.tsx';
import { evidenceKindLabels, formatSize, stepLabelOf, subjectTypeLabels } from './records.labels.ts';

export const evidenceDetailPath = (id: string) => `/records/evidence?evidence=${id}`;

/** A file's retention as a tag: kept permanently, kept until a date, or disposed of. */
export function RetentionTag({ evidence }: { evidence: Evidence }) {
  if (evidence.disposal) return <Tag>已处置</Tag>;
  if (evidence.retention.permanent) return <Tag color="blue">永久保存</Tag>;
  return <Tag color="green">保存至 {evidence.retention.until}</Tag>;
}

/** Evidence files as a table; the file name opens the detail page. Used by the list and a device's files. */
export function EvidenceTable(props: {
  items: Evidence[];
  loading: boolean;
  nameOf: (personId: string) => string;
  /** The agency's AV checklist, for the names of the steps it adds (the defaults otherwise). */
  checklist?: readonly { step: string; label: string }[] | undefined;
  pagination?: TablePaginationConfig | false;
  compact?: boolean;
}) {
  const columns: TableColumnsType<Evidence> = [
    {
      title: '文件',
      key: 'file',
      render: (_, e) => <Link to={evidenceDetailPath(e.id)}>{e.filename ?? `${e.id.slice(-8)}`}</Link>,
    },
    {
      title: '执法对象',
      key: 'subject',
      render: (_, e) => `${labelOf(subjectTypeLabels, e.subjectType)} ${e.subjectName ?? e.subjectId}`,
    },
    {
      title: '环节',
      dataIndex: 'step',
      render: (step: string | null) => (step ? stepLabelOf(step, props.checklist) : '—'),
    },
    {
      title: '类型',
      dataIndex: 'kind',
      render: (kind: Evidence['kind'], e) => (
        <>
          {evidenceKindLabels[kind]}
          {e.fullProcess && (
            <Tag color="purple" style={{ marginLeft: 4 }}>
              全过程
            </Tag>
          )}
        </>
      ),
    },
    {
      title: '执法人员',
      dataIndex: 'officerIds',
      render: (ids: string[]) => ids.map(props.nameOf).join('、'),
    },
    {
      title: '拍摄时间',
      dataIndex: 'capturedFrom',
      render: (at: string | null) => (at ? formatInstant(at) : '—'),
    },
    ...(props.compact
      ? []
      : [
          { title: '大小', dataIndex: 'size', render: (size: number) => formatSize(size) },
          { title: '上传时间', dataIndex: 'uploadedAt', render: (at: string) => formatInstant(at) },
        ]),
    { title: '保存', key: 'retention', render: (_, e) => <RetentionTag evidence={e} /> },
  ];
  return (
    <Table<Evidence>
      rowKey="id"
      size={props.compact ? 'small' : 'middle'}
      columns={columns}
      dataSource={props.items}
      loading={props.loading}
      pagination={props.pagination ?? false}
      locale={{ emptyText: '没有证据文件' }}
    />
  );
}
