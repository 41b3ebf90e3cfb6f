import { Tooltip, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { verifyEntry } from './log-client.ts';

type State =
  { status: 'checking' } | { status: 'verified'; code: string } | { status: 'failed'; why: string };

/**
 * An event's record-log index with a check mark the browser earned itself: it fetched the inclusion proof
 * and checked it against the latest signed checkpoint (log-client.ts, the server's own verifier code).
 */
export function LogIndexCell({ index }: { index: number | null }) {
  const [state, setState] = useState<State>({ status: 'checking' });
  useEffect(() => {
    if (index === null) return;
    let live = true;
    verifyEntry(index).then(
      (v) => live && setState({ status: 'verified', code: v.code }),
      (err: unknown) =>
        live && setState({ status: 'failed', why: err instanceof Error ? err.message : '核验失败' }),
    );
    return () => {
      live = false;
    };
  }, [index]);
  if (index === null) {
    return (
      <Tooltip title="该记录稍后（约一秒）写入记录日志">
        <Typography.Text type="secondary">待写入</Typography.Text>
      </Tooltip>
    );
  }
  return (
    <span>
      {index}{' '}
      {state.status === 'verified' && (
        <Tooltip title={`您的浏览器已取得包含证明，并核对它与最新签名检查点的树根一致。核验码 ${state.code}`}>
          <Typography.Text type="success">✓ 已核验</Typography.Text>
        </Tooltip>
      )}
      {state.status === 'failed' && (
        <Tooltip title={state.why}>
          <Typography.Text type="danger">✗ 未通过</Typography.Text>
        </Tooltip>
      )}
    </span>
  );
}
