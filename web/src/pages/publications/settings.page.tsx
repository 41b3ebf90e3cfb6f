import { Alert, Button, Card, Col, Form, Input, InputNumber, Row, Typography } from 'antd';
import { useEffect } from 'react';
import { actionKindLabels, actionKinds } from '../../../../src/powers/action-kinds.ts';
import { publicationsApi, type PublicitySettingsBody } from '../../api/publications.ts';
import { useSession } from '../../auth/session-context.ts';
import { ProblemAlert } from '../../forms/problem-alert.tsx';
import { useSubmit } from '../../forms/use-submit.ts';
import { LoadError } from '../../ui/load-error.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { useRequest } from '../../ui/use-request.ts';
import { can } from '../../auth/abilities.ts';

/** Money is entered in yuan under the fields' server names, so a refusal lands on the field it names. */
interface Values {
  publishWithin?: Record<string, number | null>;
  withdrawWithin?: number | null;
  lowFineMaxFen?: { naturalPerson?: number | null; organisation?: number | null };
  earlyEndAfterMonths?: number | null;
  earlyEndAfterMonthsStrictFields?: number | null;
  reason?: string;
}

const fen = (yuan: number | null | undefined) =>
  yuan === null || yuan === undefined ? null : Math.round(yuan * 100);
const yuanOf = (f: number | null) => (f === null ? null : f / 100);

/**
 * 公示设置: the agency's publicity numbers — publication and withdrawal periods, the province's low-fine
 * amounts of 公示规定 §13 (no national default: until set, every fine is public for 3 years), and the wait
 * before an early end (信用修复管理办法 §6). The administrator changes them with a reason; others read them.
 */
export function PublicitySettingsPage() {
  const { me } = useSession();
  const admin = can(me, 'publications.configure');
  const settings = useRequest(() => publicationsApi.settings(), []);
  const [form] = Form.useForm<Values>();
  const { submitting, problem, run } = useSubmit(form);

  useEffect(() => {
    const s = settings.data;
    if (!s) return;
    form.setFieldsValue({
      publishWithin: s.publishWithin,
      withdrawWithin: s.withdrawWithin,
      lowFineMaxFen: {
        naturalPerson: yuanOf(s.lowFineMaxFen.naturalPerson),
        organisation: yuanOf(s.lowFineMaxFen.organisation),
      },
      earlyEndAfterMonths: s.earlyEndAfterMonths,
      earlyEndAfterMonthsStrictFields: s.earlyEndAfterMonthsStrictFields,
      reason: '',
    });
  }, [settings.data, form]);

  async function save(v: Values) {
    // An empty amount goes as null: the server refuses it naming the field (公示规定 §13).
    const body = {
      publishWithin: Object.fromEntries(actionKinds.map((k) => [k, v.publishWithin?.[k] ?? 0])),
      withdrawWithin: v.withdrawWithin ?? 0,
      lowFineMaxFen: {
        naturalPerson: fen(v.lowFineMaxFen?.naturalPerson),
        organisation: fen(v.lowFineMaxFen?.organisation),
      },
      earlyEndAfterMonths: v.earlyEndAfterMonths ?? null,
      earlyEndAfterMonthsStrictFields: v.earlyEndAfterMonthsStrictFields ?? 12,
      reason: v.reason?.trim() ?? '',
    } as PublicitySettingsBody;
    const saved = await run(() => publicationsApi.changeSettings(body), '公示设置已保存');
    if (saved) settings.reload();
  }

  const missing = settings.data?.missing ?? [];
  const third = { xs: 24, sm: 8 };
  return (
    <>
      <PageHeader title="公示设置" />
      <LoadError error={settings.error} retry={settings.reload} />
      {missing.length > 0 && (
        <Alert
          style={{ marginBottom: 16 }}
          type="warning"
          showIcon
          title="尚未设置本省的较低数额罚款标准（公示规定 §13）"
          description="未设置前，所有罚款均按三年公示。请系统管理员按本省市场监管部门的规定填写。"
        />
      )}
      {settings.data && (
        <Form<Values> form={form} layout="vertical" disabled={!admin} onFinish={(v) => void save(v)}>
          <Card size="small" title="公示期限（工作日）" style={{ marginBottom: 16 }}>
            <Row gutter={16}>
              {actionKinds.map((k) => (
                <Col key={k} {...third}>
                  <Form.Item
                    name={['publishWithin', k]}
                    label={`${actionKindLabels[k]}决定`}
                    rules={[{ required: true, message: '请填写公示期限' }]}
                  >
                    <InputNumber min={1} max={60} addonAfter="个工作日" style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
              ))}
              <Col {...third}>
                <Form.Item
                  name="withdrawWithin"
                  label="撤回期限（行政处罚法 §48；公示规定 §11）"
                  rules={[{ required: true, message: '请填写撤回期限' }]}
                >
                  <InputNumber min={1} max={30} addonAfter="个工作日" style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            </Row>
          </Card>
          <Card
            size="small"
            title="较低数额罚款标准（公示规定 §13：公示期三个月）"
            style={{ marginBottom: 16 }}
          >
            <Row gutter={16}>
              <Col {...third}>
                <Form.Item
                  name={['lowFineMaxFen', 'naturalPerson']}
                  label="自然人（含个体工商户）不超过"
                  required
                >
                  <InputNumber min={0} precision={2} addonAfter="元" style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col {...third}>
                <Form.Item name={['lowFineMaxFen', 'organisation']} label="法人和其他组织不超过" required>
                  <InputNumber min={0} precision={2} addonAfter="元" style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            </Row>
          </Card>
          <Card size="small" title="提前停止公示（信用修复管理办法 §6）" style={{ marginBottom: 16 }}>
            <Row gutter={16}>
              <Col {...third}>
                <Form.Item name="earlyEndAfterMonths" label="公示满（月）后可申请">
                  <InputNumber min={0} max={36} addonAfter="个月" style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col {...third}>
                <Form.Item
                  name="earlyEndAfterMonthsStrictFields"
                  label="食品、药品、特种设备领域（月）"
                  rules={[{ required: true, message: '请填写月数' }]}
                >
                  <InputNumber min={0} max={36} addonAfter="个月" style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            </Row>
          </Card>
          {admin ? (
            <>
              <Form.Item
                name="reason"
                label="调整理由"
                rules={[{ required: true, whitespace: true, message: '请填写调整理由' }]}
              >
                <Input.TextArea rows={2} maxLength={500} />
              </Form.Item>
              <ProblemAlert problem={problem} />
              <Button type="primary" htmlType="submit" loading={submitting}>
                保存设置
              </Button>
            </>
          ) : (
            <Typography.Text type="secondary">
              公示设置由系统管理员调整，每次调整连同理由记入审计日志。
            </Typography.Text>
          )}
        </Form>
      )}
    </>
  );
}
