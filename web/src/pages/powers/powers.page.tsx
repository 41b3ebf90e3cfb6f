import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Flex, Input, Select, Table, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import type { PowerItem } from '../../../../src/powers/power-list.schema.ts';
import { download } from '../../api/client.ts';
import { powersApi, type PowerFilters } from '../../api/powers.ts';
import { useSession } from '../../auth/session-context.ts';
import { LoadError } from '../../ui/load-error.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { useRequest } from '../../ui/use-request.ts';
import { useUrlFilters, useUrlParam } from '../../ui/use-url-filters.ts';
import { PowerDetailDrawer, type PowerAction } from './power-detail.drawer.tsx';
import { PowerImportModal } from './power-import.modal.tsx';
import { kindLabel, kindOptions, statusOptions, VersionStatusTag } from './power-labels.tsx';
import { PowerReviewModal } from './power-review.modal.tsx';
import { mayDraft } from './power-roles.ts';
import { PowerVersionModal } from './power-version.modal.tsx';
import { PowerWithdrawModal } from './power-withdraw.modal.tsx';
import { ServiceGuideModal } from './service-guide.modal.tsx';

const filterKeys = ['q', 'kind', 'status', 'randomInspection'] as const;

type Dialog = { item: PowerItem; action: PowerAction } | { action: 'create' } | { action: 'import' } | null;

interface ListProps {
  title: string;
  /** Filters this page always applies (e.g. the review queue: submitted versions). */
  fixed?: Partial<PowerFilters>;
  /** Extra columns (e.g. the random-inspection content). */
  columns?: TableColumnsType<PowerItem>;
  /** Rows expand to show this (e.g. the benchmarks). */
  expanded?: (item: PowerItem) => React.ReactNode;
  hideCreate?: boolean;
}

/** The power list in the workbench: search, filters by kind and status, the item drawer and its dialogs. */
export function PowerListView(props: ListProps) {
  const { me } = useSession();
  const { filters, page, pageSize, setFilters, setPage } = useUrlFilters(filterKeys);
  const [openItem, showItem] = useUrlParam('item');
  const [dialog, setDialog] = useState<Dialog>(null);
  const [version, setVersion] = useState(0);
  const query: PowerFilters = { ...(filters as PowerFilters), ...props.fixed };
  const list = useRequest(
    () => powersApi.list({ ...query, page, pageSize }),
    [JSON.stringify(query), page, pageSize, version],
  );
  const drafter = mayDraft(me, me?.agency.id);

  const columns: TableColumnsType<PowerItem> = [
    { title: '编码', dataIndex: 'code', width: 120 },
    {
      title: '事项名称',
      key: 'name',
      render: (_, item) => (
        <Button
          type="link"
          style={{ padding: 0, whiteSpace: 'normal', textAlign: 'left', height: 'auto' }}
          onClick={() => showItem(item.id)}
        >
          {item.latest.name}
        </Button>
      ),
    },
    { title: '类别', dataIndex: 'kind', width: 100, render: (k: string) => <Tag>{kindLabel(k)}</Tag> },
    ...(props.columns ?? []),
    {
      title: '最新版本',
      key: 'latest',
      width: 170,
      render: (_, item) => (
        <>
          第 {item.latest.version} 版 <VersionStatusTag version={item.latest} />
        </>
      ),
    },
    {
      title: '现行版本',
      dataIndex: 'inForceVersion',
      width: 90,
      render: (v: number | null) => (v ? `第 ${v} 版` : '—'),
    },
    { title: '生效日期', key: 'effective', width: 110, render: (_, item) => item.latest.effectiveFrom },
  ];

  const saved = () => {
    setDialog(null);
    setVersion((v) => v + 1);
  };

  return (
    <>
      <PageHeader
        title={props.title}
        extra={
          <>
            {drafter && !props.hideCreate && (
              <>
                <Button
                  type="primary"
                  icon={<PlusOutlined />}
                  onClick={() => setDialog({ action: 'create' })}
                >
                  新增事项
                </Button>
                <Button icon={<UploadOutlined />} onClick={() => setDialog({ action: 'import' })}>
                  导入 Excel
                </Button>
              </>
            )}
            <Button
              icon={<DownloadOutlined />}
              onClick={() => void download(powersApi.export, query, `${props.title}.xlsx`)}
            >
              导出 Excel
            </Button>
          </>
        }
      />
      <Flex gap={8} wrap style={{ marginBottom: 16 }} role="search">
        <Input.Search
          aria-label="按事项名称或编码搜索"
          placeholder="按事项名称或编码搜索"
          allowClear
          defaultValue={filters.q}
          maxLength={60}
          style={{ width: 280 }}
          onSearch={(q) => setFilters({ ...filters, q })}
        />
        {!props.fixed?.kind && (
          <Select
            aria-label="事项类别"
            placeholder="全部类别"
            allowClear
            style={{ width: 160 }}
            value={filters.kind}
            options={kindOptions}
            onChange={(kind?: string) => setFilters({ ...filters, kind })}
          />
        )}
        {!props.fixed?.status && (
          <Select
            aria-label="最新版本状态"
            placeholder="全部状态"
            allowClear
            style={{ width: 140 }}
            value={filters.status}
            options={statusOptions}
            onChange={(status?: string) => setFilters({ ...filters, status })}
          />
        )}
        {!props.fixed?.randomInspection && (
          <Select
            aria-label="随机抽查"
            placeholder="是否随机抽查"
            allowClear
            style={{ width: 160 }}
            value={filters.randomInspection}
            options={[
              { value: 'true', label: '列入随机抽查' },
              { value: 'false', label: '未列入随机抽查' },
            ]}
            onChange={(randomInspection?: string) => setFilters({ ...filters, randomInspection })}
          />
        )}
      </Flex>
      <LoadError error={list.error} retry={list.reload} />
      <Table<PowerItem>
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.loading}
        expandable={props.expanded ? { expandedRowRender: props.expanded } : undefined}
        pagination={{
          current: page,
          pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => `共 ${total} 项`,
          onChange: setPage,
        }}
      />
      {openItem && (
        <PowerDetailDrawer
          itemId={openItem}
          version={version}
          onAction={(item, action) => setDialog({ item, action })}
          onChanged={() => setVersion((v) => v + 1)}
          onClose={() => showItem(undefined)}
        />
      )}
      {dialog?.action === 'create' && (
        <PowerVersionModal
          onClose={() => setDialog(null)}
          onSaved={(id) => {
            saved();
            showItem(id);
          }}
        />
      )}
      {dialog?.action === 'import' && (
        <PowerImportModal onClose={() => setDialog(null)} onImported={() => setVersion((v) => v + 1)} />
      )}
      {dialog && 'item' in dialog && dialog.action === 'edit' && (
        <PowerVersionModal item={dialog.item} onClose={() => setDialog(null)} onSaved={saved} />
      )}
      {dialog && 'item' in dialog && dialog.action === 'withdraw' && (
        <PowerWithdrawModal item={dialog.item} onClose={() => setDialog(null)} onSaved={saved} />
      )}
      {dialog && 'item' in dialog && (dialog.action === 'approve' || dialog.action === 'reject') && (
        <PowerReviewModal
          item={dialog.item}
          action={dialog.action}
          onClose={() => setDialog(null)}
          onSaved={saved}
        />
      )}
      {dialog && 'item' in dialog && dialog.action === 'guide' && (
        <ServiceGuideModal item={dialog.item} onClose={() => setDialog(null)} onSaved={saved} />
      )}
    </>
  );
}

/** 权责事项: the whole list. */
export function PowersPage() {
  return <PowerListView title="权责清单" />;
}

/** 待审核: versions submitted for the publisher's review (S-2.3). */
export function PowerReviewPage() {
  return <PowerListView title="待审核事项" fixed={{ status: 'submitted' }} hideCreate />;
}
