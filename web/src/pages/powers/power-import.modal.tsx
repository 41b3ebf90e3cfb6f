import { InboxOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Flex,
  Modal,
  Progress,
  Steps,
  Table,
  Typography,
  Upload,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { ApiError, download } from '../../api/client.ts';
import { checkResultColumn, rejectedRows } from '../../ui/import-rows.tsx';
import { powersApi, type PowerImportResult, type PowerImportRow } from '../../api/powers.ts';

const columns: TableColumnsType<PowerImportRow> = [
  { title: '工作表', dataIndex: 'sheet', width: 110 },
  { title: '行号', dataIndex: 'row', width: 64 },
  { title: '事项编码', dataIndex: 'code', width: 120 },
  checkResultColumn<PowerImportRow>(),
];

const rowsOf = (error: ApiError) => rejectedRows<PowerImportRow>(error);

type Stage = 'choose' | 'checking' | 'checked' | 'importing' | 'done';
const stageIndex: Record<Stage, number> = { choose: 0, checking: 1, checked: 1, importing: 2, done: 3 };

/**
 * 导入权责清单（Excel）: the file is checked row by row first (nothing saved), then — when every row is
 * valid — imported as drafts for the publisher's review. The steps show where the import is.
 */
export function PowerImportModal(props: { onClose: () => void; onImported: () => void }) {
  const { message } = App.useApp();
  const [file, setFile] = useState<File | null>(null);
  const [stage, setStage] = useState<Stage>('choose');
  const [result, setResult] = useState<PowerImportResult | null>(null);
  const [problem, setProblem] = useState<ApiError | null>(null);
  const rows = result?.rows ?? [];
  const failed = rows.filter((r) => r.errors.length > 0).length;
  const allValid = !!result && result.valid && failed === 0;

  async function submit(chosen: File, dryRun: boolean) {
    setStage(dryRun ? 'checking' : 'importing');
    setProblem(null);
    try {
      const answer = await powersApi.import(chosen, dryRun);
      setResult(answer);
      setStage(dryRun ? 'checked' : 'done');
      if (!dryRun) {
        void message.success(`已导入 ${answer.imported} 个事项（草稿）`);
        props.onImported();
      }
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const bad = rowsOf(error);
      setResult(bad ? { valid: false, imported: 0, rows: bad } : null);
      setProblem(error);
      setStage(bad ? 'checked' : 'choose');
    }
  }

  const busy = stage === 'checking' || stage === 'importing';
  const percent =
    stage === 'done' ? 100 : rows.length === 0 ? 0 : Math.round(((rows.length - failed) / rows.length) * 100);

  return (
    <Modal
      open
      title="导入权责清单（Excel）"
      width={860}
      mask={{ closable: false }}
      onCancel={props.onClose}
      footer={
        <Flex justify="end" gap={8}>
          <Button onClick={props.onClose}>{stage === 'done' ? '关闭' : '取消'}</Button>
          {stage !== 'done' && (
            <Button
              type="primary"
              disabled={!allValid || !file}
              loading={stage === 'importing'}
              onClick={() => file && void submit(file, false)}
            >
              确认导入
            </Button>
          )}
        </Flex>
      }
    >
      <Steps
        size="small"
        current={stageIndex[stage]}
        status={problem ? 'error' : undefined}
        style={{ marginBottom: 16 }}
        items={[{ title: '选择文件' }, { title: '逐行校验' }, { title: '确认导入' }, { title: '完成' }]}
      />
      <Typography.Paragraph>
        文件含“事项”“法律依据”“裁量基准”三个工作表，格式与导出的文件相同。上传后系统先逐行校验、不保存任何数据；全部行通过后才能确认导入。导入的事项为草稿，需提交审核并由公示管理员发布。
        <Button type="link" onClick={() => void download(powersApi.export, {}, '权责清单.xlsx')}>
          下载当前清单（可作模板）
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
        disabled={busy || stage === 'done'}
        data-testid="import-file"
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p>{file ? `已选择：${file.name}（点击或拖入可更换）` : '点击或将 .xlsx 文件拖到此处'}</p>
      </Upload.Dragger>
      {busy && (
        <Alert
          style={{ marginTop: 16 }}
          type="info"
          title={stage === 'checking' ? '正在逐行校验…' : '正在导入…'}
        />
      )}
      {result && rows.length > 0 && (
        <Progress
          style={{ marginTop: 16 }}
          percent={percent}
          status={failed > 0 ? 'exception' : stage === 'done' ? 'success' : 'normal'}
          format={() =>
            stage === 'done'
              ? `已导入 ${result.imported} 项`
              : `${rows.length - failed}/${rows.length} 行通过`
          }
        />
      )}
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
      {result && !problem && stage !== 'done' && (
        <Alert
          style={{ marginTop: 16 }}
          type={allValid ? 'success' : 'warning'}
          showIcon
          title={
            allValid
              ? `共 ${rows.length} 行，全部校验通过，可以导入`
              : `共 ${rows.length} 行，其中 ${failed} 行有错误，请修改文件后重新上传`
          }
        />
      )}
      {result && (
        <Table<PowerImportRow>
          style={{ marginTop: 16 }}
          rowKey={(r) => `${r.sheet}-${r.row}`}
          size="small"
          columns={columns}
          dataSource={failed > 0 ? [...rows].sort((a, b) => b.errors.length - a.errors.length) : rows}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
        />
      )}
    </Modal>
  );
}
