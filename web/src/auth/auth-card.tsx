import { Card, Flex, Typography } from 'antd';
import type { ReactNode } from 'react';

/** The centred card the sign-in and enrolment pages sit in. */
export function AuthCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Flex justify="center" align="center" style={{ minHeight: '100vh', background: '#f0f2f5', padding: 16 }}>
      <Card style={{ width: 420, maxWidth: '100%' }}>
        <Typography.Title level={3} style={{ textAlign: 'center', marginTop: 0 }}>
          三项制度执法平台
        </Typography.Title>
        <Typography.Title level={5} style={{ textAlign: 'center', marginTop: 0 }} type="secondary">
          {title}
        </Typography.Title>
        {children}
      </Card>
    </Flex>
  );
}
