import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { authApi, type LoginInput } from '../api/auth.ts';
import { ApiError } from '../api/client.ts';
import { AuthCard } from './auth-card.tsx';
import { useSession } from './session-context.ts';
import { TotpCodeField } from './totp-code-field.tsx';

interface Credentials {
  username: string;
  password: string;
}

/**
 * 登录: username and password; when the account has a second factor (TOTP_REQUIRED) a second step asks
 * for the code and sends all three again; an account that must still enrol goes to the enrolment page.
 */
export function SignInPage() {
  const session = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? '/';
  const [credentials, setCredentials] = useState<Credentials | null>(null);
  const [problem, setProblem] = useState<ApiError | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [totpForm] = Form.useForm<{ totp: string }>();

  if (session.me?.stage === 'full') return <Navigate to={from} replace />;

  async function attempt(input: LoginInput) {
    setSubmitting(true);
    setProblem(null);
    try {
      const result = await authApi.login(input);
      await session.signedIn(result);
      void navigate(result.stage === 'totp_enrolment' ? '/totp-enrolment' : from, { replace: true });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (error.code === 'TOTP_REQUIRED' && !input.totp) {
        setCredentials({ username: input.username, password: input.password });
      } else if (error.code === 'TOTP_INVALID') {
        totpForm.setFields([{ name: 'totp', value: '', errors: [error.detail ?? error.title] }]);
      } else {
        if (input.totp) setCredentials(null);
        setProblem(error);
      }
    } finally {
      setSubmitting(false);
    }
  }

  const alert = problem && (
    <Alert
      type="error"
      showIcon
      role="alert"
      style={{ marginBottom: 16 }}
      title={problem.title}
      description={problem.detail !== problem.title ? problem.detail : undefined}
    />
  );

  if (credentials) {
    return (
      <AuthCard title="双因素认证">
        {alert}
        <Form
          key="totp"
          name="sign-in-totp"
          form={totpForm}
          layout="vertical"
          onFinish={({ totp }) => void attempt({ ...credentials, totp })}
        >
          <TotpCodeField name="totp" />
          <Button type="primary" htmlType="submit" block loading={submitting}>
            验证并登录
          </Button>
          <Button type="link" block onClick={() => setCredentials(null)}>
            返回重新输入账号
          </Button>
        </Form>
      </AuthCard>
    );
  }

  return (
    <AuthCard title="工作人员登录">
      {alert}
      <Form<Credentials>
        key="credentials"
        name="sign-in"
        layout="vertical"
        onFinish={(values) => void attempt(values)}
        requiredMark={false}
      >
        <Form.Item name="username" label="用户名" rules={[{ required: true, message: '请填写用户名' }]}>
          <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
        </Form.Item>
        <Form.Item name="password" label="密码" rules={[{ required: true, message: '请填写密码' }]}>
          <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={submitting}>
          登录
        </Button>
      </Form>
    </AuthCard>
  );
}
