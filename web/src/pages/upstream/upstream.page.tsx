import { ApiOutlined, DownloadOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { pushRecordTypeLabels } from '../../../../src/labels.ts';
import { download } from '../../api/client.ts';
import { upstreamApi, type PairInput, type Rejection, type UpstreamStatus } from '../../api/upstream.ts';
import { can } from '../../auth/abilities.ts';
import { useSession } from '../../auth/session-context.ts';
import { FormModal } from '../../forms/form-modal.tsx';
import { useSubmit } from '../../forms/use-submit.ts';
import { formatInstant } from '../../ui/dates.ts';
import { labelOf } from '../../ui/labels.tsx';
import { LoadError } from '../../ui/load-error.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { useRequest } from '../../ui/use-request.ts';

const outcomeLabels: Readonly<Record<string, string>> = {
  acknowledged: '已确认',
  refused: '被拒收',
  failed: '发送失败',
};

const columns: TableColumnsType<Rejection> = [
  { title: '推送序号', dataIndex: 'sequence', width: 100 },
  {
    title: '记录类型',
    dataIndex: 'type',
    width: 130,
    render: (type: string | null) => (type ? labelOf(pushRecordTypeLabels, type) : '—'),
  },
  {
    title: '拒收代码',
    dataIndex: 'code',
    width: 200,
    render: (code: string) => <Tag color="error">{code}</Tag>,
  },
  { title: '拒收理由', dataIndex: 'reason' },
  { title: '拒收时间', dataIndex: 'rejectedAt', width: 180, render: (at: string) => formatInstant(at) },
  {
    title: '现状',
    dataIndex: 'resolved',
    width: 120,
    render: (resolved: boolean) =>
      resolved ? <Tag color="success">其后已被接收</Tag> : <Tag color="warning">待处理</Tag>,
  },
];

function StatusCard({ status }: { status: UpstreamStatus }) {
  const d = status.lastDelivery;
  return (
    <Descriptions bordered size="small" column={1} title="推送状态">
      <Descriptions.Item label="平台地址">
        {status.upstream ? (
          <>
            {status.upstream.url}（配对于 {formatInstant(status.upstream.pairedAt)}）
          </>
        ) : (
          '未配对'
        )}
      </Descriptions.Item>
      <Descriptions.Item label="排队（尚未编号）">{status.queued}</Descriptions.Item>
      <Descriptions.Item label="已发送待确认">{status.waiting}</Descriptions.Item>
      <Descriptions.Item label="平台已确认">
        至序号 {status.acknowledgedUpTo}
        {status.lastSequence === null ? '' : `（已编号至 ${status.lastSequence}）`}
      </Descriptions.Item>
      <Descriptions.Item label="被拒收">
        {status.rejected}
        {status.lastRejection && `，最近一条：${status.lastRejection.code} ${status.lastRejection.reason}`}
      </Descriptions.Item>
      <Descriptions.Item label="最近一次发送">
        {d
          ? `${formatInstant(d.attemptedAt)}，序号 ${d.firstSequence}–${d.lastSequence}，${labelOf(outcomeLabels, d.outcome)}` +
            (d.httpStatus === null ? '' : `（HTTP ${d.httpStatus}）`) +
            (d.error ? `：${d.error}` : '')
          : '尚未发送'}
      </Descriptions.Item>
    </Descriptions>
  );
}

function PairingInfoCard() {
  const info = useRequest(() => upstreamApi.pairingInfo(), []);
  if (info.error) return <LoadError error={info.error} retry={info.reload} />;
  if (!info.data) return null;
  const i = info.data;
  return (
    <Descriptions
      bordered
      size="small"
      column={1}
      title="配对信息（交县级监督平台登记）"
      style={{ marginTop: 24 }}
    >
      <Descriptions.Item label="统一社会信用代码">{i.creditCode}</Descriptions.Item>
      <Descriptions.Item label="机关名称">{i.name}</Descriptions.Item>
      <Descriptions.Item label="本机地址">{i.baseUrl ?? '未配置（PUBLIC_URL）'}</Descriptions.Item>
      <Descriptions.Item label="记录日志来源">{i.logOrigin}</Descriptions.Item>
      <Descriptions.Item label="记录日志公钥">
        {i.logVerifierKeys.map((k) => (
          <Typography.Text key={k} code copyable>
            {k}
          </Typography.Text>
        ))}
      </Descriptions.Item>
      <Descriptions.Item label="推送公钥">
        <Typography.Text code copyable>
          {i.pushVerifierKey}
        </Typography.Text>
      </Descriptions.Item>
    </Descriptions>
  );
}

function PairModal({ onClose, onPaired }: { onClose: () => void; onPaired: () => void }) {
  const [form] = Form.useForm<PairInput>();
  const { submitting, problem, run } = useSubmit(form);
  const submit = async (values: PairInput) => {
    const done = await run(() => upstreamApi.pair(values), '已与县级监督平台配对');
    if (done) {
      onPaired();
      onClose();
    }
  };
  return (
    <FormModal<PairInput>
      name="pair"
      title="与县级监督平台配对"
      form={form}
      submitting={submitting}
      problem={problem}
      onCancel={onClose}
      onFinish={(v) => void submit(v)}
      okText="配对"
      width={640}
    >
      <Typography.Paragraph type="secondary">
        首次配对时，本机关当前的机构、人员、权责清单、公示和案件概要全部排入推送队列；再次配对（更换地址或公钥）不再重复排入。
        公钥请与平台管理员当面或电话核对。
      </Typography.Paragraph>
      <Form.Item name="url" label="平台地址" rules={[{ required: true, message: '请填写平台地址' }]}>
        <Input placeholder="https://jiandu.example.gov.cn" />
      </Form.Item>
      <Form.Item
        name="witnessKey"
        label="见证公钥（平台 /witness/key）"
        rules={[{ required: true, message: '请填写平台的见证公钥' }]}
      >
        <Input.TextArea autoSize />
      </Form.Item>
      <Form.Item
        name="receiptKey"
        label="回执公钥（平台 /county/receipt-key）"
        rules={[{ required: true, message: '请填写平台的回执公钥' }]}
      >
        <Input.TextArea autoSize />
      </Form.Item>
    </FormModal>
  );
}

/** 县级监督平台: how the push to the county goes, the records it refused (with Excel), and the pairing. */
export function UpstreamPage() {
  const { me } = useSession();
  const status = useRequest(() => upstreamApi.status(), []);
  const rejections = useRequest(() => upstreamApi.rejections(), []);
  const [pairing, setPairing] = useState(false);
  const reload = () => {
    status.reload();
    rejections.reload();
  };
  return (
    <Card>
      <PageHeader
        title="县级监督平台推送"
        extra={
          can(me, 'upstream.pair') && (
            <Button type="primary" icon={<ApiOutlined />} onClick={() => setPairing(true)}>
              {status.data?.paired ? '更换配对' : '配对'}
            </Button>
          )
        }
      />
      <Typography.Paragraph type="secondary">
        改变县级监督平台所见内容的每一项操作，都在同一事务中排入推送队列；推送按序号逐条送达，平台签收后给出签名回执。
        被平台拒收的记录不会丢弃：处理原因后按原序号重新送达。
      </Typography.Paragraph>
      {status.error && <LoadError error={status.error} retry={status.reload} />}
      {status.data && !status.data.paired && (
        <Alert
          type="info"
          showIcon
          title="本机关尚未与县级监督平台配对，不推送任何记录"
          style={{ marginBottom: 16 }}
        />
      )}
      {status.data && <StatusCard status={status.data} />}
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        平台拒收的记录
      </Typography.Title>
      {rejections.error ? (
        <LoadError error={rejections.error} retry={rejections.reload} />
      ) : (
        <Table
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={rejections.data?.items ?? []}
          loading={rejections.loading}
          title={() => (
            <Button
              icon={<DownloadOutlined />}
              onClick={() => void download(upstreamApi.rejectionsExport, {}, '推送拒收记录.xlsx')}
            >
              导出 Excel
            </Button>
          )}
        />
      )}
      <PairingInfoCard />
      {pairing && <PairModal onClose={() => setPairing(false)} onPaired={reload} />}
    </Card>
  );
}
