import { UploadOutlined } from '@ant-design/icons';
import { Button, Table } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { CaseDetail } from '../../api/cases.ts';
import { recordsApi, type Evidence } from '../../api/records.ts';
import { useSession } from '../../auth/session-context.ts';
import { formatInstant } from '../../ui/dates.ts';
import { labelOf } from '../../ui/labels.tsx';
import { LoadError } from '../../ui/load-error.tsx';
import { useRequest } from '../../ui/use-request.ts';
import { EvidenceUploadModal } from '../records/evidence-upload.modal.tsx';
import { kindOptions, stepLabelOf } from '../records/records.labels.ts';
import { useChecklistItems } from '../records/use-records-options.ts';
import { can } from '../../auth/abilities.ts';

const kindLabels = Object.fromEntries(kindOptions.map((o) => [o.value, o.label]));

/** 证据: the case's evidence files, and an upload for a step (the records area's upload, preset to this case). */
export function CaseEvidence(props: { detail: CaseDetail; avStep: string | undefined; tick: number }) {
  const { me } = useSession();
  const kase = props.detail.case;
  const list = useRequest(
    () => recordsApi.evidenceList({ subjectType: 'case', subjectId: kase.id, page: 1, pageSize: 200 }),
    [kase.id, props.tick],
  );
  const checklist = useChecklistItems(kase.agencyId);
  const [uploading, setUploading] = useState(false);
  const canUpload = !kase.final && can(me, 'records.uploadEvidence', kase.agencyId);
  return (
    <>
      <LoadError error={list.error} retry={list.reload} />
      <Table<Evidence>
        rowKey="id"
        size="small"
        loading={list.loading}
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: '尚无证据文件' }}
        columns={[
          {
            title: '文件',
            dataIndex: 'filename',
            render: (name: string | null, e) => (
              <Link to={`/records/evidence?evidence=${e.id}`}>{name ?? e.sha256.slice(0, 12)}</Link>
            ),
          },
          { title: '类型', dataIndex: 'kind', render: (k: string) => labelOf(kindLabels, k) },
          {
            title: '环节',
            dataIndex: 'step',
            render: (step: string | null) => (step ? stepLabelOf(step, checklist) : '—'),
          },
          { title: '上传时间', dataIndex: 'uploadedAt', render: (at: string) => formatInstant(at) },
        ]}
      />
      {canUpload && (
        <Button style={{ marginTop: 12 }} icon={<UploadOutlined />} onClick={() => setUploading(true)}>
          上传证据文件
        </Button>
      )}
      {uploading && (
        <EvidenceUploadModal
          initial={{ subjectType: 'case', subjectId: kase.id, step: props.avStep }}
          onClose={() => setUploading(false)}
          onUploaded={() => {
            setUploading(false);
            list.reload();
          }}
        />
      )}
    </>
  );
}
