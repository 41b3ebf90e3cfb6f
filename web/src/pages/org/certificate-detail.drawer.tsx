import { Button, Descriptions, Drawer, Flex, Spin, Tag, Timeline, Typography } from 'antd';
import type { Certificate, CertificateEvent } from '../../../../src/org/org.schema.ts';
import { orgApi, type CertificateAction } from '../../api/org.ts';
import { canManage, useSession } from '../../auth/session-context.ts';
import { changeLabel } from '../../../../src/labels.ts';
import { formatInstant } from '../../ui/dates.ts';
import { CertificateStatusTag, fieldNames, labelOf } from '../../ui/labels.tsx';
import { LoadError } from '../../ui/load-error.tsx';
import { useRequest } from '../../ui/use-request.ts';

const eventLabels: Record<CertificateEvent['action'], string> = {
  issued: '发证',
  edited: '修改',
  suspended: '暂扣',
  reinstated: '恢复',
  revoked: '注销',
};

const eventColours: Record<CertificateEvent['action'], string> = {
  issued: 'green',
  edited: 'blue',
  suspended: 'orange',
  reinstated: 'green',
  revoked: 'red',
};

/** Which status changes a certificate in this status allows (a revoked one is final). */
const actionsFor = (status: Certificate['status']): CertificateAction[] => {
  switch (status) {
    case 'valid':
      return ['suspend', 'revoke'];
    case 'suspended':
      return ['reinstate', 'revoke'];
    case 'revoked':
      return [];
  }
};

const actionButtons: Record<CertificateAction, { label: string; danger: boolean }> = {
  suspend: { label: '暂扣', danger: true },
  reinstate: { label: '恢复', danger: false },
  revoke: { label: '注销', danger: true },
};

function HistoryEntry({ event }: { event: CertificateEvent }) {
  return (
    <Flex vertical gap={2}>
      <Typography.Text strong>
        {labelOf(eventLabels, event.action)}
        <Typography.Text type="secondary"> · 生效日期 {event.effectiveOn}</Typography.Text>
      </Typography.Text>
      {event.reason && <Typography.Text>原因：{event.reason}</Typography.Text>}
      {event.changes.length > 0 && (
        <Typography.Text>变更：{event.changes.map(changeLabel).join('、')}</Typography.Text>
      )}
      <Typography.Text type="secondary">
        {event.actorName ?? '系统'} 于 {formatInstant(event.at)}
      </Typography.Text>
    </Flex>
  );
}

/** One certificate and its full history, with the status changes an administrator may make. */
export function CertificateDetailDrawer(props: {
  certificateId: string;
  version: number;
  onAction: (certificate: Certificate, action: CertificateAction | 'edit') => void;
  onClose: () => void;
}) {
  const { me } = useSession();
  const request = useRequest(
    () => orgApi.certificate(props.certificateId),
    [props.certificateId, props.version],
  );
  const certificate = request.data?.certificate;
  const admin = canManage(me, certificate?.agencyId);

  return (
    <Drawer
      open
      title={certificate ? `执法证：${certificate.number}` : '执法证详情'}
      size={640}
      onClose={props.onClose}
    >
      <LoadError error={request.error} retry={request.reload} />
      {!certificate && request.loading && <Spin />}
      {certificate && (
        <Flex vertical gap={16}>
          {admin && certificate.status !== 'revoked' && (
            <Flex gap={8} wrap>
              {actionsFor(certificate.status).map((action) => (
                <Button
                  key={action}
                  danger={actionButtons[action].danger}
                  onClick={() => props.onAction(certificate, action)}
                >
                  {actionButtons[action].label}
                </Button>
              ))}
              <Button onClick={() => props.onAction(certificate, 'edit')}>编辑</Button>
            </Flex>
          )}
          <Descriptions
            bordered
            size="small"
            column={1}
            items={[
              { key: 'number', label: '执法证号', children: certificate.number },
              { key: 'person', label: '持证人', children: certificate.personName },
              { key: 'unit', label: '内设机构', children: certificate.unitName ?? '—' },
              { key: 'fields', label: '执法领域', children: fieldNames(certificate.fields) },
              { key: 'issuer', label: '发证机关', children: certificate.issuer },
              {
                key: 'validity',
                label: '有效期',
                children: `${certificate.validFrom} 至 ${certificate.validTo}`,
              },
              { key: 'exam', label: '考试日期', children: certificate.examDate ?? '—' },
              {
                key: 'status',
                label: '状态',
                children: <CertificateStatusTag status={certificate.displayStatus} />,
              },
            ]}
          />
          <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
            变更记录
          </Typography.Title>
          {request.data && request.data.history.length === 0 && <Tag>暂无记录</Tag>}
          <Timeline
            items={(request.data?.history ?? []).map((event) => ({
              key: event.id,
              color: eventColours[event.action],
              content: <HistoryEntry event={event} />,
            }))}
          />
        </Flex>
      )}
    </Drawer>
  );
}
