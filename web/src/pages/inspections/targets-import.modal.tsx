import { InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Modal, Table, Tag, Typography, Upload, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { ApiError, download } from '../../api/client.ts';
import { inspectionsApi, type TargetImportResult, type TargetImportRow } from '../../api/inspections.ts';
import { checkResultColumn, rejectedRows } from '../../ui/import-rows.tsx';

const actionLabels = { add: '新增', update: '更新', unchanged: '无变化' } as const;

const columns: TableColumnsType<TargetImportRow> = [
  { title: '行号', dataIndex: 'row', width: 64 },
  { title: '统一社会信用代码', dataIndex: 'creditCode', width: 190 },
  { title: '名称', dataIndex: 'name', width: 160 },
  {
    title: '处理',
    dataIndex: 'action',
    width: 80,
    render: (a: TargetImportRow['action'], row) =>
      row.errors.length ? '—' : <Tag color={a === 'add' ? 'blue' : undefined}>{actionLabels[a]}</Tag>,
  },
  checkResultColumn<TargetImportRow>(),
];

/**
 * 导入检查对象（Excel）: the file is checked first without saving anything (试导入), each row's errors at
 * its column; 确认导入 saves every row at once, offered only when every row passes. A credit code already
 * in the directory updates that target, the import named as the reason in its history.
 */
export function TargetsImportModal(props: { onClose: () => void; onImported: () => void }) {
  const { message } = App.useApp();
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<TargetImportResult | null>(null);
  const [problem, setProblem] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState<'checking' | 'importing' | null>(null);
  const allValid = !!result && result.valid;

  async function submit(chosen: File, dryRun: boolean) {
    setBusy(dryRun ? 'checking' : 'importing');
    setProblem(null);
    try {
      const answer = await inspectionsApi.importTargets(chosen, dryRun);
      setResult(answer);
      if (!dryRun) {
        void message.success(`已导入：新增 ${answer.added} 户，更新 ${answer.updated} 户`);
        props.onImported();
      }
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const rows = rejectedRows<TargetImportRow>(error);
      setResult(rows ? { valid: false, added: 0, updated: 0, rows } : null);
      setProblem(error);
    } finally {
      setBusy(null);
    }
  }

  const failed = result?.rows.filter((r) => r.errors.length > 0).length ?? 0;
  return (
    <Modal
      open
      title="导入检查对象（Excel）"
      width={860}
      mask={{ closable: false }}
      onCancel={props.onClose}
      footer={
        <Flex justify="end" gap={8}>
          <Button onClick={props.onClose}>取消</Button>
          <Button
            type="primary"
            disabled={!allValid || !file}
            loading={busy === 'importing'}
            onClick={() => file && void submit(file, false)}
          >
            确认导入
          </Button>
        </Flex>
      }
    >
      <Typography.Paragraph>
        请按模板填写后上传。上传后系统先逐行校验（试导入），不保存任何数据；全部行校验通过后才能确认导入。
        <Button
          type="link"
          onClick={() => void download(inspectionsApi.targetsTemplate, {}, '检查对象导入模板.xlsx')}
        >
          下载导入模板
        </Button>
      </Typography.Paragraph>
      <Upload.Dragger
        accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        maxCount={1}
        showUploadList={false}
        beforeUpload={(chosen) => {
          setFile(chosen);
          setResult(null);
          void submit(chosen, true);
          return false;
        }}
        disabled={busy !== null}
        data-testid="import-file"
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p>{file ? `已选择：${file.name}（点击或拖入可更换）` : '点击或将 .xlsx 文件拖到此处'}</p>
      </Upload.Dragger>
      {busy === 'checking' && <Alert style={{ marginTop: 16 }} type="info" title="正在校验…" />}
      {problem && (
        <Alert
          style={{ marginTop: 16 }}
          type="error"
          showIcon
          role="alert"
          title={problem.title}
          description={problem.detail}
        />
      )}
      {result && !problem && (
        <Alert
          style={{ marginTop: 16 }}
          type={allValid ? 'success' : 'warning'}
          showIcon
          title={
            allValid
              ? `共 ${result.rows.length} 行，全部校验通过：将新增 ${result.added} 户、更新 ${result.updated} 户`
              : `共 ${result.rows.length} 行，其中 ${failed} 行有错误，请修改文件后重新上传`
          }
        />
      )}
      {result && (
        <Table<TargetImportRow>
          style={{ marginTop: 16 }}
          rowKey="row"
          size="small"
          columns={columns}
          dataSource={result.rows}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
        />
      )}
    </Modal>
  );
}
