import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { logApi, type VerifyRun } from '../../api/log.ts';
import { ApiError } from '../../api/client.ts';
import { latestCheckpoint, toHex } from '../../log/log-client.ts';
import { formatInstant } from '../../ui/dates.ts';
import { LoadError } from '../../ui/load-error.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { useRequest } from '../../ui/use-request.ts';

const columns: TableColumnsType<VerifyRun> = [
  { title: '核验时间', dataIndex: 'at', width: 180, render: (at: string) => formatInstant(at) },
  { title: '核验人', dataIndex: 'actorName', render: (name: string | null) => name ?? '—' },
  {
    title: '结果',
    dataIndex: 'ok',
    render: (ok: boolean, run) =>
      ok ? <Tag color="success">一致</Tag> : <Tag color="error">发现 {run.problemCount} 处不一致</Tag>,
  },
  { title: '日志条数', dataIndex: 'size' },
  { title: '待写入', dataIndex: 'pending' },
  { title: '核对的业务记录', dataIndex: 'subjects' },
  { title: '用时', dataIndex: 'durationMs', render: (ms: number) => `${(ms / 1000).toFixed(1)} 秒` },
];

/** 记录日志: the signed checkpoint the browser read, past full verifications, and 立即核验 for auditors. */
export function RecordLogPage() {
  const { message } = App.useApp();
  const checkpoint = useRequest(() => latestCheckpoint(true), []);
  const runs = useRequest(() => logApi.runs(), []);
  const [running, setRunning] = useState(false);

  const verifyNow = async () => {
    setRunning(true);
    try {
      const run = await logApi.verifyNow();
      if (run.ok) void message.success(`核验完成：${run.size} 条日志与业务记录一致`);
      else void message.error(`核验发现 ${run.problemCount} 处不一致`);
      runs.reload();
      checkpoint.reload();
    } catch (error) {
      void message.error(error instanceof ApiError ? (error.detail ?? error.title) : '核验失败');
    } finally {
      setRunning(false);
    }
  };

  const lastFailure = runs.data?.items.find((r) => !r.ok);
  return (
    <Card>
      <PageHeader
        title="记录日志"
        extra={
          <Button
            type="primary"
            icon={<SafetyCertificateOutlined />}
            loading={running}
            onClick={() => void verifyNow()}
          >
            {running ? '正在核验…' : '立即核验'}
          </Button>
        }
      />
      <Typography.Paragraph type="secondary">
        每一次登录、每一项变更都写入只能追加的记录日志（默克尔树）；检查点经签名，任何人可在公众网站“核验”页自行核对。
        “立即核验”重新计算每条业务记录的摘要，并与日志及签名检查点逐一比对，结果记入审计日志。
      </Typography.Paragraph>
      {checkpoint.error && <LoadError error={checkpoint.error} retry={checkpoint.reload} />}
      {checkpoint.data && (
        <Descriptions bordered size="small" column={1} title="最新检查点（浏览器已读取）">
          <Descriptions.Item label="来源">{checkpoint.data.origin}</Descriptions.Item>
          <Descriptions.Item label="日志条数">{checkpoint.data.size}</Descriptions.Item>
          <Descriptions.Item label="根哈希">
            <Typography.Text code copyable>
              {toHex(checkpoint.data.root)}
            </Typography.Text>
          </Descriptions.Item>
        </Descriptions>
      )}
      {lastFailure && (
        <Alert
          style={{ marginTop: 16 }}
          type="error"
          showIcon
          title={`${formatInstant(lastFailure.at)} 的核验发现不一致`}
          description={lastFailure.problems.map((p) => `${p.table} ${p.id}：${p.message}`).join('；')}
        />
      )}
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        历次完整核验
      </Typography.Title>
      {runs.error ? (
        <LoadError error={runs.error} retry={runs.reload} />
      ) : (
        <Table
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={runs.data?.items ?? []}
          loading={runs.loading}
        />
      )}
    </Card>
  );
}
