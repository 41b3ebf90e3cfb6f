import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { z } from 'zod';
import { AppRoutes } from './app.tsx';
import { SessionProvider } from './auth/session-provider.tsx';

dayjs.locale('zh-cn');
// The shared schemas' own messages are Chinese; zod's built-in ones too, and an empty required field
// reads as such rather than as a type error.
z.config(z.locales.zhCN());
z.config({
  customError: (issue) => (issue.input === undefined || issue.input === null ? '此项为必填项' : undefined),
});

const root = document.getElementById('root');
if (!root) throw new Error('missing #root');

createRoot(root).render(
  <StrictMode>
    <ConfigProvider locale={zhCN}>
      <AntApp>
        <BrowserRouter basename="/app">
          <SessionProvider>
            <AppRoutes />
          </SessionProvider>
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
