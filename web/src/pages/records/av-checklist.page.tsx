import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Button,
  DatePicker,
  Flex,
  Form,
  Input,
  Select,
  Statistic,
  Table,
  Tabs,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import type { ChecklistInput } from '../../api/records.ts';
import { recordsApi, type AvGapView, type Step } from '../../api/records.ts';
import { useSession } from '../../auth/session-context.ts';
import { dayOf, formatInstant, isoDate } from '../../ui/dates.ts';
import { labelOf } from '../../ui/labels.tsx';
import { LoadError } from '../../ui/load-error.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { useRequest } from '../../ui/use-request.ts';
import { useUrlFilters } from '../../ui/use-url-filters.ts';
import { AgencySelect } from '../org/agency-select.tsx';
import { useAgencies } from '../org/use-agencies.ts';
import { AvChecklistEditModal } from './av-checklist-edit.modal.tsx';
import { evidenceDetailPath } from './evidence-table.tsx';
import {
  avRequirementLabels,
  gapProblemLabels,
  subjectTypeLabels,
  subjectTypeOptions,
} from './records.labels.ts';
import { StepRecordModal } from './step-record.modal.tsx';
import { Link } from 'react-router';
import { can } from '../../auth/abilities.ts';

type Item = ChecklistInput['items'][number];

const itemColumns: TableColumnsType<Item> = [
  { title: '事项', dataIndex: 'label' },
  {
    title: '要求',
    dataIndex: 'requirement',
    render: (r: Item['requirement']) => (
      <Tag color={r === 'full_process_av' ? 'purple' : 'blue'}>{avRequirementLabels[r]}</Tag>
    ),
  },
  { title: '依据', dataIndex: 'basis' },
];

const gapColumns = (withSubject: boolean): TableColumnsType<AvGapView> => [
  ...(withSubject
    ? [
        {
          title: '执法对象',
          key: 'subject',
          render: (_: unknown, g: AvGapView) => (
            <Link
              to={`/records/av-checklist?tab=subject&subjectType=${encodeURIComponent(g.subjectType)}&subjectId=${encodeURIComponent(g.subjectId)}`}
            >
              {labelOf(subjectTypeLabels, g.subjectType)} {g.subjectId}
            </Link>
          ),
        },
      ]
    : []),
  { title: '环节', dataIndex: 'label' },
  { title: '开始时间', dataIndex: 'startedAt', render: (at: string) => formatInstant(at) },
  {
    title: '要求',
    dataIndex: 'requirement',
    render: (r: AvGapView['requirement']) => avRequirementLabels[r],
  },
  {
    title: '问题',
    dataIndex: 'problem',
    render: (p: string) => <Tag color="red">{labelOf(gapProblemLabels, p)}</Tag>,
  },
  { title: '说明', dataIndex: 'message' },
];

const stepColumns: TableColumnsType<Step> = [
  { title: '环节', dataIndex: 'label' },
  { title: '开始时间', dataIndex: 'startedAt', render: (at: string) => formatInstant(at) },
  { title: '结束时间', dataIndex: 'endedAt', render: (at: string | null) => (at ? formatInstant(at) : '—') },
  { title: '地点', dataIndex: 'place', render: (p: string | null) => p ?? '—' },
];

const filterKeys = ['agencyId', 'tab', 'from', 'to', 'subjectType', 'subjectId'] as const;

/**
 * 音像记录清单 (S-8.1): which steps need AV or full-process AV, and where it is missing — per agency over
 * a period (for the head and the supervisor) and per case or inspection (for the reviewer).
 */
export function AvChecklistPage() {
  const { me } = useSession();
  const { agencies } = useAgencies();
  const { filters, setFilters } = useUrlFilters(filterKeys);
  const [editing, setEditing] = useState(false);
  const [recordingStep, setRecordingStep] = useState(false);
  const [version, setVersion] = useState(0);
  const agencyId = filters.agencyId ?? me?.agency.id ?? '';
  const own = me?.agency.id === agencyId;
  const canEdit = own && can(me, 'records.manageSettings');
  const canRecordSteps = own && can(me, 'records.recordSteps');
  const tab = filters.tab ?? 'checklist';
  const subject =
    filters.subjectType && filters.subjectId
      ? { agencyId, subjectType: filters.subjectType, subjectId: filters.subjectId }
      : undefined;

  const checklist = useRequest(() => recordsApi.checklist(agencyId), [agencyId, version]);
  const agencyGaps = useRequest(
    () =>
      tab === 'agency'
        ? recordsApi.agencyGaps(agencyId, { from: filters.from, to: filters.to })
        : Promise.resolve(undefined),
    [agencyId, tab, filters.from, filters.to, version],
  );
  const subjectData = useRequest(
    async () =>
      tab === 'subject' && subject
        ? {
            steps: (await recordsApi.steps(subject)).items,
            gaps: (await recordsApi.subjectGaps(subject)).items,
            evidence: (
              await recordsApi.evidenceList({
                agencyId,
                subjectType: subject.subjectType,
                subjectId: subject.subjectId,
                page: 1,
                pageSize: 200,
              })
            ).items,
          }
        : undefined,
    [agencyId, tab, subject?.subjectType, subject?.subjectId, version],
  );
  const reload = () => setVersion((v) => v + 1);

  const checklistTab = (
    <Flex vertical gap={12}>
      <Flex gap={8} align="center" wrap>
        {checklist.data?.isDefault ? (
          <Tag>默认清单（国办发〔2018〕118号）</Tag>
        ) : (
          checklist.data && <Tag color="blue">本机关清单，{formatInstant(checklist.data.updatedAt)} 修订</Tag>
        )}
        {canEdit && checklist.data && (
          <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
            编辑清单
          </Button>
        )}
      </Flex>
      <LoadError error={checklist.error} retry={checklist.reload} />
      <Table<Item>
        rowKey="step"
        size="small"
        columns={itemColumns}
        dataSource={checklist.data?.items ?? []}
        loading={checklist.loading}
        pagination={false}
      />
    </Flex>
  );

  const agencyTab = (
    <Flex vertical gap={12}>
      <Form layout="inline">
        <Form.Item label="执法环节日期" htmlFor="gaps-period">
          <DatePicker.RangePicker
            id="gaps-period"
            value={
              filters.from || filters.to ? [dayOf(filters.from) ?? null, dayOf(filters.to) ?? null] : null
            }
            allowEmpty={[true, true]}
            onChange={(dates: [Dayjs | null, Dayjs | null] | null) =>
              setFilters({ ...filters, from: isoDate(dates?.[0]), to: isoDate(dates?.[1]) })
            }
          />
        </Form.Item>
      </Form>
      <LoadError error={agencyGaps.error} retry={agencyGaps.reload} />
      {agencyGaps.data && (
        <Flex gap={48}>
          <Statistic
            title={`${agencyGaps.data.from} 至 ${agencyGaps.data.to} 登记的执法环节`}
            value={agencyGaps.data.steps}
          />
          <Statistic
            title="缺少音像记录"
            value={agencyGaps.data.gaps.length}
            styles={{ content: { color: agencyGaps.data.gaps.length ? '#cf1322' : undefined } }}
          />
        </Flex>
      )}
      <Table<AvGapView>
        rowKey={(g) => `${g.stepId}-${g.problem}-${g.from ?? ''}`}
        size="small"
        columns={gapColumns(true)}
        dataSource={agencyGaps.data?.gaps ?? []}
        loading={agencyGaps.loading}
        locale={{ emptyText: '该时段没有缺失' }}
      />
    </Flex>
  );

  const subjectTab = (
    <Flex vertical gap={12}>
      <Form
        layout="inline"
        key={`${filters.subjectType ?? ''}|${filters.subjectId ?? ''}`}
        initialValues={{ subjectType: filters.subjectType ?? 'case', subjectId: filters.subjectId }}
        onFinish={(v: { subjectType?: string; subjectId?: string }) =>
          setFilters({ ...filters, subjectType: v.subjectType, subjectId: v.subjectId?.trim() })
        }
      >
        <Form.Item name="subjectType" label="对象类型">
          <Select style={{ width: 120 }} options={subjectTypeOptions} />
        </Form.Item>
        <Form.Item name="subjectId" label="对象编号" rules={[{ required: true, message: '请填写对象编号' }]}>
          <Input style={{ width: 240 }} placeholder="如案件编号" />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit">
            查询
          </Button>
        </Form.Item>
        {subject && canRecordSteps && (
          <Form.Item>
            <Button icon={<PlusOutlined />} onClick={() => setRecordingStep(true)}>
              登记执法环节
            </Button>
          </Form.Item>
        )}
      </Form>
      <LoadError error={subjectData.error} retry={subjectData.reload} />
      {subjectData.data && (
        <>
          <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
            缺少音像记录的环节
          </Typography.Title>
          <Table<AvGapView>
            rowKey={(g) => `${g.stepId}-${g.problem}-${g.from ?? ''}`}
            size="small"
            columns={gapColumns(false)}
            dataSource={subjectData.data.gaps}
            pagination={false}
            locale={{ emptyText: '所有需音像记录的环节均有相应记录' }}
          />
          <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
            已登记的执法环节
          </Typography.Title>
          <Table<Step>
            rowKey="id"
            size="small"
            columns={stepColumns}
            dataSource={subjectData.data.steps}
            pagination={false}
            locale={{ emptyText: '尚未登记执法环节' }}
          />
          <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
            证据文件
          </Typography.Title>
          <Flex vertical gap={4}>
            {subjectData.data.evidence.length === 0 && (
              <Typography.Text type="secondary">没有证据文件</Typography.Text>
            )}
            {subjectData.data.evidence.map((e) => (
              <Link key={e.id} to={evidenceDetailPath(e.id)}>
                {e.filename ?? e.id}（{formatInstant(e.capturedFrom ?? e.uploadedAt)}）
              </Link>
            ))}
          </Flex>
        </>
      )}
      {subjectData.loading && tab === 'subject' && subject && <Typography.Text>加载中…</Typography.Text>}
    </Flex>
  );

  return (
    <>
      <PageHeader
        title="音像记录清单"
        extra={
          agencies.length > 1 && (
            <AgencySelect
              agencies={agencies}
              value={filters.agencyId}
              onChange={(id) => setFilters({ ...filters, agencyId: id })}
            />
          )
        }
      />
      <Tabs
        activeKey={tab}
        onChange={(key) => setFilters({ ...filters, tab: key === 'checklist' ? undefined : key })}
        items={[
          { key: 'checklist', label: '音像记录事项清单', children: checklistTab },
          { key: 'agency', label: '本机关缺失情况', children: agencyTab },
          { key: 'subject', label: '按案件（对象）查询', children: subjectTab },
        ]}
      />
      {editing && checklist.data && (
        <AvChecklistEditModal
          checklist={checklist.data}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            reload();
          }}
        />
      )}
      {recordingStep && subject && (
        <StepRecordModal
          subjectType={subject.subjectType}
          subjectId={subject.subjectId}
          checklist={checklist.data}
          onClose={() => setRecordingStep(false)}
          onSaved={() => {
            setRecordingStep(false);
            reload();
          }}
        />
      )}
    </>
  );
}
