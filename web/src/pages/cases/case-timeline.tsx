import { Space, Tag, Timeline, Typography } from 'antd';
import type { TimelineEvent } from '../../api/cases.ts';
import { LogIndexCell } from '../../log/log-index-cell.tsx';
import { formatInstant } from '../../ui/dates.ts';

/**
 * 办理过程: every event of the case in order, each with its record-log index and the check mark the browser
 * earned by verifying the entry's inclusion proof against the latest signed checkpoint.
 */
export function CaseTimeline({ events }: { events: TimelineEvent[] }) {
  return (
    <Timeline
      items={events.map((e) => ({
        key: e.id,
        color: e.action === 'step' || e.step ? 'blue' : 'gray',
        content: (
          <div data-testid="timeline-event">
            <Space wrap size={4}>
              <Typography.Text strong>{e.label}</Typography.Text>
              {e.fromState !== e.toState && <Tag color="processing">{e.toStateLabel}</Tag>}
              <Typography.Text type="secondary">{e.on}</Typography.Text>
            </Space>
            <div>
              <Typography.Text type="secondary">
                {e.actorName ?? '系统'} · {formatInstant(e.at)}
              </Typography.Text>
            </div>
            {e.reason && <div>意见：{e.reason}</div>}
            {e.lateReason && <div>逾期理由：{e.lateReason}</div>}
            <div>
              记录日志序号：
              <LogIndexCell index={e.logIndex} />
            </div>
          </div>
        ),
      }))}
    />
  );
}
