import { Form, Input } from 'antd';

/** The 6-digit code from the authenticator app, as one plain field (paste and autofill work). */
export function TotpCodeField({ name, autoFocus = true }: { name: string; autoFocus?: boolean }) {
  return (
    <Form.Item
      name={name}
      label="动态验证码"
      extra="请打开手机上的身份验证器应用，输入其中显示的 6 位数字"
      rules={[{ required: true, pattern: /^\d{6}$/, message: '请输入 6 位数字验证码' }]}
    >
      <Input
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={6}
        autoFocus={autoFocus}
        placeholder="6 位数字"
      />
    </Form.Item>
  );
}
