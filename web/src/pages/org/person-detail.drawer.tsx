import {
  Button,
  Descriptions,
  Drawer,
  Flex,
  Spin,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { Link } from 'react-router';
import type { Certificate, Person } from '../../../../src/org/org.schema.ts';
import { orgApi } from '../../api/org.ts';
import { canManage, useSession } from '../../auth/session-context.ts';
import { CertificateStatusTag, fieldNames, RoleTags } from '../../ui/labels.tsx';
import { LoadError } from '../../ui/load-error.tsx';
import { useRequest } from '../../ui/use-request.ts';

const certificateColumns: TableColumnsType<Certificate> = [
  {
    title: '执法证号',
    dataIndex: 'number',
    render: (number: string, c) => <Link to={`/org/certificates?certificate=${c.id}`}>{number}</Link>,
  },
  { title: '执法领域', dataIndex: 'fields', render: (fields: string[]) => fieldNames(fields) },
  { title: '发证机关', dataIndex: 'issuer' },
  { title: '有效期', key: 'validity', render: (_, c) => `${c.validFrom} 至 ${c.validTo}` },
  {
    title: '状态',
    dataIndex: 'displayStatus',
    render: (status: string) => <CertificateStatusTag status={status} />,
  },
];

export interface PersonActions {
  edit: (person: Person) => void;
  roles: (person: Person) => void;
  addCertificate: (person: Person) => void;
}

/** A person's details and their certificates; `version` changes after a write to load them again. */
export function PersonDetailDrawer(props: {
  personId: string;
  version: number;
  actions: PersonActions;
  onClose: () => void;
}) {
  const { me } = useSession();
  const request = useRequest(() => orgApi.person(props.personId), [props.personId, props.version]);
  const person = request.data;
  const admin = canManage(me, person?.agencyId);

  return (
    <Drawer open title={person ? `人员详情：${person.name}` : '人员详情'} size={720} onClose={props.onClose}>
      <LoadError error={request.error} retry={request.reload} />
      {!person && request.loading && <Spin />}
      {person && (
        <Flex vertical gap={16}>
          {admin && (
            <Flex gap={8} wrap>
              <Button onClick={() => props.actions.edit(person)}>编辑</Button>
              <Button onClick={() => props.actions.roles(person)}>设置角色</Button>
              <Button type="primary" onClick={() => props.actions.addCertificate(person)}>
                添加执法证
              </Button>
            </Flex>
          )}
          <Descriptions
            bordered
            size="small"
            column={2}
            items={[
              { key: 'name', label: '姓名', children: person.name },
              { key: 'unit', label: '内设机构', children: person.unitName ?? '—' },
              { key: 'post', label: '职务', children: person.post || '—' },
              { key: 'phone', label: '联系电话', children: person.phone ?? '—' },
              { key: 'username', label: '登录账号', children: person.username ?? '未开通' },
              {
                key: 'active',
                label: '状态',
                children: person.active ? <Tag color="green">在岗</Tag> : <Tag>停用</Tag>,
              },
              { key: 'roles', label: '角色', span: 2, children: <RoleTags roles={person.roles} /> },
            ]}
          />
          <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
            行政执法证
          </Typography.Title>
          <Table<Certificate>
            rowKey="id"
            size="small"
            columns={certificateColumns}
            dataSource={person.certificates}
            pagination={false}
            locale={{ emptyText: '尚无执法证' }}
          />
        </Flex>
      )}
    </Drawer>
  );
}
