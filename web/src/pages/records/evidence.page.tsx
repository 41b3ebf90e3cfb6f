import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useState } from 'react';
import { download } from '../../api/client.ts';
import { recordsApi, type EvidenceFilters as Filters } from '../../api/records.ts';
import { useSession } from '../../auth/session-context.ts';
import { LoadError } from '../../ui/load-error.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { useRequest } from '../../ui/use-request.ts';
import { useUrlFilters, useUrlParam } from '../../ui/use-url-filters.ts';
import { useAgencies } from '../org/use-agencies.ts';
import { EvidenceDetail } from './evidence-detail.tsx';
import { EvidenceFilters, evidenceFilterKeys } from './evidence-filters.tsx';
import { EvidenceTable } from './evidence-table.tsx';
import { EvidenceUploadModal } from './evidence-upload.modal.tsx';
import { useChecklistItems, usePeopleOptions } from './use-records-options.ts';
import { can } from '../../auth/abilities.ts';

/**
 * 证据: the agency's evidence files (photos, recordings, scans) with filters and Excel export, the upload,
 * and `?evidence=<id>` for one file's detail page.
 */
export function EvidencePage() {
  const { me } = useSession();
  const { agencies } = useAgencies();
  const { filters, page, pageSize, setFilters, setPage } = useUrlFilters(evidenceFilterKeys);
  const [openId, showEvidence] = useUrlParam('evidence');
  const [uploading, setUploading] = useState(false);
  const query = filters as Filters;
  const agencyId = query.agencyId ?? me?.agency.id;
  const { officerOptions, nameOf } = usePeopleOptions(agencyId);
  const checklist = useChecklistItems(agencyId);
  const list = useRequest(
    () => (openId ? Promise.resolve(undefined) : recordsApi.evidenceList({ ...query, page, pageSize })),
    [JSON.stringify(query), page, pageSize, openId],
  );
  const canUpload = can(me, 'records.uploadEvidence', query.agencyId ?? me?.agency.id);

  if (openId) return <EvidenceDetail id={openId} onBack={() => showEvidence(undefined)} />;

  return (
    <>
      <PageHeader
        title="证据"
        extra={
          <>
            <Button
              icon={<DownloadOutlined />}
              onClick={() => void download(recordsApi.evidenceExport, query, '证据文件清单.xlsx')}
            >
              导出 Excel
            </Button>
            {canUpload && (
              <Button type="primary" icon={<UploadOutlined />} onClick={() => setUploading(true)}>
                上传证据文件
              </Button>
            )}
          </>
        }
      />
      <EvidenceFilters
        value={filters}
        agencies={agencies}
        officerOptions={officerOptions}
        onChange={(next) => setFilters(next)}
      />
      <LoadError error={list.error} retry={list.reload} />
      <EvidenceTable
        items={list.data?.items ?? []}
        loading={list.loading}
        nameOf={nameOf}
        checklist={checklist}
        pagination={{
          current: page,
          pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => `共 ${total} 个文件`,
          onChange: setPage,
        }}
      />
      {uploading && (
        <EvidenceUploadModal
          onClose={() => setUploading(false)}
          onUploaded={(evidence) => {
            setUploading(false);
            showEvidence(evidence.id);
          }}
        />
      )}
    </>
  );
}
