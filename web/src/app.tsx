import { Result } from 'antd';
import { Navigate, Route, Routes } from 'react-router';
import { RequireSession } from './auth/require-session.tsx';
import { SignInPage } from './auth/sign-in.page.tsx';
import { TotpEnrolmentPage } from './auth/totp-enrolment.page.tsx';
import { AppLayout } from './layout/app-layout.tsx';
import { allPages } from './layout/areas.tsx';

const home = allPages[0]?.path ?? '/';

/** The routes: sign-in and enrolment outside the frame, every area page inside it. */
export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<SignInPage />} />
      <Route
        path="/totp-enrolment"
        element={
          <RequireSession enrolling>
            <TotpEnrolmentPage />
          </RequireSession>
        }
      />
      <Route
        element={
          <RequireSession>
            <AppLayout />
          </RequireSession>
        }
      >
        <Route index element={<Navigate to={home} replace />} />
        {allPages.map(({ path, component: Page }) => (
          <Route key={path} path={path} element={<Page />} />
        ))}
        <Route
          path="*"
          element={<Result status="404" title="页面不存在" subTitle="请从左侧菜单选择要办理的事项" />}
        />
      </Route>
    </Routes>
  );
}
