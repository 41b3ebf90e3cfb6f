import { Tag, Tooltip } from 'antd';
import { chinaDate } from '../../../../src/platform/china-date.ts';

/** A period's countdown in working days: red once overdue, orange within three working days. */
export function Countdown({ workingDaysLeft, dueOn }: { workingDaysLeft: number; dueOn: string }) {
  if (workingDaysLeft < 0 || (workingDaysLeft === 0 && dueOn < today())) {
    return (
      <Tooltip title={`期限截至 ${dueOn}`}>
        <Tag color="red">已逾期 {Math.abs(workingDaysLeft)} 个工作日</Tag>
      </Tooltip>
    );
  }
  if (workingDaysLeft === 0) return <Tag color="volcano">今日到期</Tag>;
  return (
    <Tooltip title={`期限截至 ${dueOn}（起算日不计入，节假日按国务院通知）`}>
      <Tag color={workingDaysLeft <= 3 ? 'orange' : 'blue'}>剩余 {workingDaysLeft} 个工作日</Tag>
    </Tooltip>
  );
}

function today(): string {
  return chinaDate(new Date());
}
