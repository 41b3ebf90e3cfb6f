import { Button, Result, Spin } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useSession } from './session-context.ts';

/** Shows its children to a fully signed-in person; sends anyone else to sign in or to enrol TOTP. */
export function RequireSession({
  children,
  enrolling = false,
}: {
  children: ReactNode;
  enrolling?: boolean;
}) {
  const { state, refresh } = useSession();
  const location = useLocation();
  switch (state.status) {
    case 'loading':
      return <Spin size="large" fullscreen description="正在加载…" />;
    case 'error':
      return (
        <Result
          status="error"
          title={state.error.title}
          subTitle={state.error.detail}
          extra={
            <Button type="primary" onClick={() => void refresh()}>
              重试
            </Button>
          }
        />
      );
    case 'signed-out':
      return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
    case 'signed-in':
      if (state.me.stage === 'totp_enrolment' && !enrolling) return <Navigate to="/totp-enrolment" replace />;
      return children;
  }
}
