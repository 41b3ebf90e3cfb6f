import { DownloadOutlined, FolderAddOutlined } from '@ant-design/icons';
import { App, Button, Space, Typography } from 'antd';
import { useState } from 'react';
import { ApiError, download } from '../../api/client.ts';
import { casesApi, type CaseDetail } from '../../api/cases.ts';

/**
 * 电子卷宗: assembling the case file (cover, index, evidence list, notes sheet, in the prescribed order) and
 * exporting it as a zip whose manifest carries each item's SHA-256 and record-log inclusion proof, checkable
 * offline with `sanxiang verify-file`.
 */
export function CaseFileCard({ detail, onAssembled }: { detail: CaseDetail; onAssembled: () => void }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState<'assemble' | 'export' | null>(null);
  const kase = detail.case;

  async function act(kind: 'assemble' | 'export') {
    setBusy(kind);
    try {
      if (kind === 'assemble') {
        await casesApi.assembleCaseFile(kase.id);
        void message.success('已组卷：卷宗封面、卷内文件目录、证据清单、卷内备考表已制作');
        onAssembled();
      } else {
        await download(
          casesApi.caseFileExport,
          { subjectType: 'case', subjectId: kase.id },
          `电子卷宗-${kase.caseNumber}.zip`,
        );
      }
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      void message.error(error.detail ?? error.title);
    } finally {
      setBusy(null);
    }
  }

  return (
    <>
      <Typography.Paragraph type="secondary">
        结案后组卷；卷内文书写入记录日志（约一秒）后即可导出。导出的压缩包可用 sanxiang verify-file 离线核验。
      </Typography.Paragraph>
      <Space wrap>
        {!kase.final && (
          <Button
            icon={<FolderAddOutlined />}
            loading={busy === 'assemble'}
            onClick={() => void act('assemble')}
          >
            组卷
          </Button>
        )}
        <Button icon={<DownloadOutlined />} loading={busy === 'export'} onClick={() => void act('export')}>
          导出电子卷宗
        </Button>
      </Space>
    </>
  );
}
