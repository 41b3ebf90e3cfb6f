import { InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Modal, Table, Typography, Upload, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { ApiError, download } from '../../api/client.ts';
import { checkResultColumn, rejectedRows } from '../../ui/import-rows.tsx';
import { orgApi, type ImportResult, type ImportRow } from '../../api/org.ts';

const columns: TableColumnsType<ImportRow> = [
  { title: '行号', dataIndex: 'row', width: 72 },
  { title: '姓名', dataIndex: 'name', width: 120 },
  checkResultColumn<ImportRow>(),
];

const rowsOf = (error: ApiError) => rejectedRows<ImportRow>(error);

/**
 * 导入 Excel: the file is first checked without saving anything (dry run) and every row's errors shown;
 * 确认导入 saves all rows at once, and is offered only when every row is valid.
 */
export function PeopleImportModal(props: { onClose: () => void; onImported: () => void }) {
  const { message } = App.useApp();
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [problem, setProblem] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState<'checking' | 'importing' | null>(null);
  const allValid = !!result && result.valid && result.rows.every((r) => r.errors.length === 0);

  async function submit(chosen: File, dryRun: boolean) {
    setBusy(dryRun ? 'checking' : 'importing');
    setProblem(null);
    try {
      const answer = await orgApi.importPeople(chosen, dryRun);
      setResult(answer);
      if (!dryRun) {
        void message.success(`已导入 ${answer.imported} 人`);
        props.onImported();
      }
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const rows = rowsOf(error);
      setResult(rows ? { valid: false, imported: 0, rows } : null);
      setProblem(error);
    } finally {
      setBusy(null);
    }
  }

  function choose(chosen: File) {
    setFile(chosen);
    setResult(null);
    void submit(chosen, true);
  }

  const failed = result?.rows.filter((r) => r.errors.length > 0).length ?? 0;

  return (
    <Modal
      open
      title="导入人员（Excel）"
      width={760}
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
        请按模板填写后上传。上传后系统先逐行校验、不保存任何数据；全部行校验通过后才能确认导入。
        <Button type="link" onClick={() => void download(orgApi.importTemplate, {}, '人员导入模板.xlsx')}>
          下载导入模板
        </Button>
      </Typography.Paragraph>
      <Upload.Dragger
        accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        maxCount={1}
        showUploadList={false}
        beforeUpload={(chosen) => {
          choose(chosen);
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
              ? `共 ${result.rows.length} 行，全部校验通过，可以导入`
              : `共 ${result.rows.length} 行，其中 ${failed} 行有错误，请修改文件后重新上传`
          }
        />
      )}
      {result && (
        <Table<ImportRow>
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
