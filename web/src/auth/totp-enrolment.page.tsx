import { Alert, Button, Flex, Form, Image, Result, Spin, Typography } from 'antd';
import { useRef } from 'react';
import { useNavigate } from 'react-router';
import { authApi, type TotpEnrolment as Enrolment } from '../api/auth.ts';
import { ProblemAlert } from '../forms/problem-alert.tsx';
import { useSubmit } from '../forms/use-submit.ts';
import { useRequest } from '../ui/use-request.ts';
import { AuthCard } from './auth-card.tsx';
import { useSession } from './session-context.ts';
import { TotpCodeField } from './totp-code-field.tsx';

/**
 * 绑定动态验证码: administrators and reviewers must have a second factor (等保 2.0 level 3); others may
 * add one. Shows the QR code and the secret as text (for apps without a camera), then checks one code.
 */
export function TotpEnrolmentPage() {
  const { me } = useSession();
  const navigate = useNavigate();
  // Starting an enrolment replaces the account's secret: never start one for an account that has it.
  if (me?.totpEnabled) {
    return (
      <AuthCard title="绑定动态验证码">
        <Result
          status="success"
          title="您的账号已绑定动态验证码"
          extra={
            <Button type="primary" onClick={() => void navigate('/', { replace: true })}>
              返回工作台
            </Button>
          }
        />
      </AuthCard>
    );
  }
  return <TotpEnrolment />;
}

function TotpEnrolment() {
  const session = useSession();
  const navigate = useNavigate();
  const [form] = Form.useForm<{ code: string }>();
  const { submitting, problem, run } = useSubmit(form);
  // Each start replaces the pending secret: start once per visit, even when React runs effects twice.
  const started = useRef<Promise<Enrolment>>(null);
  const enrolment = useRequest(() => (started.current ??= authApi.startTotpEnrolment()), []);
  const required = session.me?.stage === 'totp_enrolment';

  async function confirm({ code }: { code: string }) {
    const done = await run(async () => {
      await authApi.confirmTotp(code);
      return true;
    }, '动态验证码绑定成功');
    if (!done) return;
    await session.refresh();
    void navigate('/', { replace: true });
  }

  return (
    <AuthCard title="绑定动态验证码">
      {required && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title="您的账号须先绑定动态验证码（双因素认证）才能继续使用"
        />
      )}
      <Typography.Paragraph>
        1. 在手机上安装身份验证器应用（如“腾讯身份验证器”“Microsoft Authenticator”），扫描下方二维码；
        无法扫码时，可手动输入密钥。
      </Typography.Paragraph>
      {enrolment.error && <Alert type="error" showIcon title={enrolment.error.title} />}
      {enrolment.loading && !enrolment.data && (
        <Flex justify="center" style={{ padding: 24 }}>
          <Spin />
        </Flex>
      )}
      {enrolment.data && (
        <Flex vertical align="center" gap={8} style={{ marginBottom: 16 }}>
          <Image
            src={enrolment.data.qr}
            alt="动态验证码绑定二维码"
            width={200}
            height={200}
            preview={false}
          />
          <Typography.Text>
            密钥：
            <Typography.Text code copyable data-testid="totp-secret">
              {enrolment.data.secret}
            </Typography.Text>
          </Typography.Text>
        </Flex>
      )}
      <Typography.Paragraph>2. 输入应用中显示的 6 位数字，完成绑定。</Typography.Paragraph>
      <ProblemAlert problem={problem} />
      <Form name="totp-enrolment" form={form} layout="vertical" onFinish={(values) => void confirm(values)}>
        <TotpCodeField name="code" autoFocus={false} />
        <Button type="primary" htmlType="submit" block loading={submitting} disabled={!enrolment.data}>
          确认绑定
        </Button>
        {required ? (
          <Button type="link" block onClick={() => void session.signOut()}>
            退出登录
          </Button>
        ) : (
          <Button type="link" block onClick={() => void navigate(-1)}>
            返回
          </Button>
        )}
      </Form>
    </AuthCard>
  );
}
