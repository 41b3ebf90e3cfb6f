import { ArrowLeftOutlined, DeleteOutlined, DownloadOutlined, LockOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Flex,
  Image,
  Spin,
  Table,
  Tag,
  Tooltip,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { evidenceContentUrl, recordsApi, type Evidence, type EvidenceLogEvent } from '../../api/records.ts';
import { LogIndexCell } from '../../log/log-index-cell.tsx';
import { eventKindLabel } from '../../../../src/labels.ts';
import { formatInstant, today } from '../../ui/dates.ts';
import { labelOf } from '../../ui/labels.tsx';
import { LoadError } from '../../ui/load-error.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { useRequest } from '../../ui/use-request.ts';
import { EvidenceDisposalModal, EvidenceMarkModal } from './evidence-actions.modals.tsx';
import { RetentionTag } from './evidence-table.tsx';
import {
  evidenceKindLabels,
  extractionMethodLabels,
  formatSize,
  retentionMarkLabels,
  stepLabelOf,
  subjectTypeLabels,
} from './records.labels.ts';
import { useChecklistItems, usePeopleOptions, useRecorderOptions } from './use-records-options.ts';
import { offers } from '../../auth/abilities.ts';

const logColumns: TableColumnsType<EvidenceLogEvent> = [
  { title: '时间', dataIndex: 'at', width: 180, render: (at: string) => formatInstant(at) },
  { title: '事件', dataIndex: 'kind', render: (kind: string) => eventKindLabel(kind) },
  { title: '操作人', dataIndex: 'actorName', render: (name: string | null) => name ?? '—' },
  {
    title: '记录日志',
    dataIndex: 'logIndex',
    width: 160,
    render: (index: number | null) => <LogIndexCell index={index} />,
  },
];

/** The file itself, played where the browser can: video and audio seek by range requests. */
function Player({ evidence }: { evidence: Evidence }) {
  const url = evidenceContentUrl(evidence.id);
  const type = evidence.mediaType;
  if (type.startsWith('video/')) {
    return (
      <video
        controls
        preload="metadata"
        src={url}
        style={{ width: '100%', maxHeight: 480, background: '#000' }}
      >
        <track kind="captions" />
      </video>
    );
  }
  if (type.startsWith('audio/'))
    return <audio controls preload="metadata" src={url} style={{ width: '100%' }} />;
  if (type.startsWith('image/') && type !== 'image/heic' && type !== 'image/heif' && type !== 'image/tiff') {
    return <Image src={url} alt={evidence.filename ?? '证据照片'} style={{ maxHeight: 480 }} />;
  }
  return <Typography.Text type="secondary">该类型文件不能在浏览器中直接显示，请下载后查看。</Typography.Text>;
}

/** 电子数据: its extraction as the extraction record states it, and whether the file's SHA-256 is that digest. */
function electronicDataItems(evidence: Evidence) {
  const data = evidence.electronicData;
  if (!data) return [];
  const same = data.extractionSha256 === evidence.sha256;
  return [
    { key: 'carrier', label: '原始存储介质', span: 2, children: data.originalCarrier },
    {
      key: 'method',
      label: '提取方式',
      children: labelOf(extractionMethodLabels, data.extractionMethod),
    },
    { key: 'extractedAt', label: '提取时间', children: formatInstant(data.extractedAt) },
    { key: 'extractionPlace', label: '提取地点', span: 2, children: data.extractionPlace },
    {
      key: 'extractionSha256',
      label: '提取时记录的 SHA-256',
      span: 2,
      children: (
        <Flex vertical gap={4}>
          <Typography.Text code data-testid="extraction-sha256">
            {data.extractionSha256}
          </Typography.Text>
          {same ? (
            <Tag color="green">与文件的 SHA-256 一致</Tag>
          ) : (
            <Tag color="red">与文件的 SHA-256 不一致</Tag>
          )}
        </Flex>
      ),
    },
    {
      key: 'extractionRecord',
      label: '提取记录',
      span: 2,
      children: data.extractionDocumentNumber
        ? `证据提取单 ${data.extractionDocumentNumber}`
        : data.extractionDocumentId
          ? '证据提取单'
          : '未关联',
    },
  ];
}

/**
 * 证据文件详情: the file played inline, what was recorded about it, its SHA-256 and SM3, its entries in the
 * record log each with the check mark the browser earned itself, its retention, and the actions.
 */
export function EvidenceDetail(props: { id: string; onBack: () => void }) {
  const [version, setVersion] = useState(0);
  const [dialog, setDialog] = useState<'dispose' | 'mark' | null>(null);
  const request = useRequest(() => recordsApi.evidence(props.id), [props.id, version]);
  const log = useRequest(() => recordsApi.evidenceLog(props.id), [props.id, version]);
  const evidence = request.data;
  const { nameOf } = usePeopleOptions(evidence?.agencyId);
  const { serialOf } = useRecorderOptions(evidence?.agencyId);
  const checklist = useChecklistItems(evidence?.agencyId);

  const done = () => {
    setDialog(null);
    setVersion((v) => v + 1);
  };

  if (!evidence) {
    return (
      <>
        <Button icon={<ArrowLeftOutlined />} onClick={props.onBack} style={{ marginBottom: 16 }}>
          返回列表
        </Button>
        <LoadError error={request.error} retry={request.reload} />
        {request.loading && <Spin />}
      </>
    );
  }

  const canDispose = offers(evidence, 'disposeEvidence') && !evidence.disposal;
  const canMark = offers(evidence, 'markEvidence') && !evidence.disposal && evidence.marks.length < 3;
  // `until` is the last day the file must be kept: disposal from the day after (China dates).
  const due =
    !evidence.retention.permanent &&
    evidence.retention.until !== null &&
    today().format('YYYY-MM-DD') > evidence.retention.until;

  return (
    <>
      <Button icon={<ArrowLeftOutlined />} onClick={props.onBack} style={{ marginBottom: 16 }}>
        返回列表
      </Button>
      <PageHeader
        title={`证据文件：${evidence.filename ?? evidence.id}`}
        extra={
          <>
            {!evidence.disposal && (
              <Button icon={<DownloadOutlined />} href={evidenceContentUrl(evidence.id)} download>
                下载
              </Button>
            )}
            {canMark && (
              <Button icon={<LockOutlined />} onClick={() => setDialog('mark')}>
                标记永久保存
              </Button>
            )}
            {canDispose && (
              <Tooltip
                title={
                  due
                    ? undefined
                    : evidence.retention.permanent
                      ? '该文件永久保存，不能处置'
                      : `保存期限至 ${evidence.retention.until}，期满后方可处置`
                }
              >
                <Button danger icon={<DeleteOutlined />} disabled={!due} onClick={() => setDialog('dispose')}>
                  处置
                </Button>
              </Tooltip>
            )}
          </>
        }
      />
      <Flex vertical gap={16}>
        <Card size="small">
          {evidence.disposal ? (
            <Alert
              type="info"
              showIcon
              title={`文件内容已于 ${formatInstant(evidence.disposal.at)} 处置`}
              description={`原因：${evidence.disposal.reason}；批准：${evidence.disposal.approval}。摘要与记录日志条目保留。`}
            />
          ) : (
            <Player evidence={evidence} />
          )}
        </Card>
        <Descriptions
          bordered
          size="small"
          column={2}
          items={[
            {
              key: 'subject',
              label: '执法对象',
              children: `${labelOf(subjectTypeLabels, evidence.subjectType)} ${evidence.subjectName ?? evidence.subjectId}`,
            },
            {
              key: 'step',
              label: '执法环节',
              children: evidence.step ? stepLabelOf(evidence.step, checklist) : '—',
            },
            {
              key: 'kind',
              label: '类型',
              children: (
                <>
                  {evidenceKindLabels[evidence.kind]}{' '}
                  <Typography.Text type="secondary">{evidence.mediaType}</Typography.Text>
                </>
              ),
            },
            { key: 'size', label: '大小', children: `${formatSize(evidence.size)}（${evidence.size} 字节）` },
            { key: 'officers', label: '执法人员', children: evidence.officerIds.map(nameOf).join('、') },
            {
              key: 'recorder',
              label: '记录设备',
              children: evidence.recorderId ? serialOf(evidence.recorderId) : '—',
            },
            // Electronic data has its extraction's time and place instead (electronicDataItems).
            ...(evidence.kind === 'electronic_data'
              ? []
              : [
                  {
                    key: 'captured',
                    label: '拍摄时间',
                    span: 2,
                    children: evidence.capturedFrom
                      ? `${formatInstant(evidence.capturedFrom)}${evidence.capturedTo ? ` 至 ${formatInstant(evidence.capturedTo)}` : ''}`
                      : '—',
                  },
                  {
                    key: 'place',
                    label: '地点',
                    span: 2,
                    children: (
                      <>
                        {evidence.place ?? '—'}
                        {evidence.latitude !== null && evidence.longitude !== null && (
                          <Typography.Text type="secondary">
                            {' '}
                            （纬度 {evidence.latitude}，经度 {evidence.longitude}）
                          </Typography.Text>
                        )}
                      </>
                    ),
                  },
                ]),
            ...(evidence.kind === 'audio' || evidence.kind === 'video'
              ? [
                  {
                    key: 'fullProcess',
                    label: '全过程记录',
                    span: 2,
                    children: (
                      <Flex vertical gap={4}>
                        <span>{evidence.fullProcess ? <Tag color="purple">全过程</Tag> : <Tag>否</Tag>}</span>
                        {evidence.interruptions.map((i, n) => (
                          <span key={n}>
                            中断 {formatInstant(i.stoppedAt)} 至 {formatInstant(i.resumedAt)}：{i.reason}
                          </span>
                        ))}
                      </Flex>
                    ),
                  },
                ]
              : []),
            ...electronicDataItems(evidence),
            {
              key: 'uploaded',
              label: '上传',
              children: `${evidence.uploadedBy ? nameOf(evidence.uploadedBy) : '—'} ${formatInstant(evidence.uploadedAt)}`,
            },
            { key: 'retention', label: '保存期限', children: <RetentionTag evidence={evidence} /> },
            ...(evidence.marks.length
              ? [
                  {
                    key: 'marks',
                    label: '永久保存原因',
                    span: 2,
                    children: evidence.marks.map((m) => <Tag key={m}>{retentionMarkLabels[m]}</Tag>),
                  },
                ]
              : []),
            {
              key: 'sha256',
              label: 'SHA-256',
              span: 2,
              children: (
                <Typography.Text code copyable data-testid="evidence-sha256">
                  {evidence.sha256}
                </Typography.Text>
              ),
            },
            {
              key: 'sm3',
              label: 'SM3',
              span: 2,
              children: (
                <Typography.Text code copyable data-testid="evidence-sm3">
                  {evidence.sm3}
                </Typography.Text>
              ),
            },
          ]}
        />
        <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
          记录日志
        </Typography.Title>
        <Typography.Text type="secondary">
          文件的上传、标记和处置都写入只能追加的记录日志；“✓
          已核验”表示您的浏览器已自行取得包含证明并与签名检查点核对一致。
        </Typography.Text>
        <LoadError error={log.error} retry={log.reload} />
        <Table<EvidenceLogEvent>
          rowKey={(e) => `${e.at}-${e.kind}-${e.logIndex ?? 'pending'}`}
          size="small"
          columns={logColumns}
          dataSource={log.data?.items ?? []}
          loading={log.loading}
          pagination={false}
        />
      </Flex>
      {dialog === 'dispose' && (
        <EvidenceDisposalModal evidence={evidence} onClose={() => setDialog(null)} onDone={done} />
      )}
      {dialog === 'mark' && (
        <EvidenceMarkModal evidence={evidence} onClose={() => setDialog(null)} onDone={done} />
      )}
    </>
  );
}
