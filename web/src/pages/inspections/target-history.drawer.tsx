import { Descriptions, Drawer, Empty, Tag, Timeline, Typography } from 'antd';
import { inspectionsApi } from '../../api/inspections.ts';
import { formatInstant } from '../../ui/dates.ts';
import { LoadError } from '../../ui/load-error.tsx';
import { useRequest } from '../../ui/use-request.ts';
import { riskGradeLabels } from './inspections.labels.ts';

const fieldNames: Record<string, string> = {
  name: '名称',
  address: '地址',
  field: '监管领域',
  riskGrade: '风险等级',
  active: '在库',
};

/** 变更记录: a target as it stands and each change of it, with who, when and why. */
export function TargetHistoryDrawer(props: { targetId: string; version: number; onClose: () => void }) {
  const detail = useRequest(() => inspectionsApi.target(props.targetId), [props.targetId, props.version]);
  const t = detail.data;
  return (
    <Drawer open size={640} title={t ? `${t.name}：变更记录` : '变更记录'} onClose={props.onClose}>
      <LoadError error={detail.error} retry={detail.reload} />
      {t && (
        <>
          <Descriptions size="small" column={1} bordered style={{ marginBottom: 16 }}>
            <Descriptions.Item label="统一社会信用代码">{t.creditCode}</Descriptions.Item>
            <Descriptions.Item label="地址">{t.address || '—'}</Descriptions.Item>
            <Descriptions.Item label="监管领域">{t.fieldLabel}</Descriptions.Item>
            <Descriptions.Item label="风险等级">{riskGradeLabels[t.riskGrade]}</Descriptions.Item>
            <Descriptions.Item label="状态">
              {t.active ? <Tag color="green">在库</Tag> : <Tag>已移出</Tag>}
            </Descriptions.Item>
          </Descriptions>
          {t.history.length === 0 ? (
            <Empty description="暂无变更记录" />
          ) : (
            <Timeline
              items={t.history.map((e, i) => ({
                key: i,
                children: (
                  <div data-testid="target-event">
                    <Typography.Text strong>{e.actionLabel}</Typography.Text>{' '}
                    <Typography.Text type="secondary">
                      {formatInstant(e.at)} {e.actorName ?? ''}
                    </Typography.Text>
                    {e.changes.map((c) => (
                      <div key={c.field}>
                        {fieldNames[c.field] ?? c.field}：{c.from ?? '—'} → {c.to ?? '—'}
                      </div>
                    ))}
                    {e.reason && <div>原因：{e.reason}</div>}
                  </div>
                ),
              }))}
            />
          )}
        </>
      )}
    </Drawer>
  );
}
