import { Tag } from 'antd';
import { certificateStatusLabels, enforcementFields } from '../../../src/org/certificate.rules.ts';
import { labelOf } from '../../../src/labels.ts';
import { roleLabels } from '../../../src/platform/auth/roles.ts';

/** Codes become the Chinese labels the shared modules define (src/labels.ts); an unknown code shows as it is. */
export { labelOf };

export const optionsOf = (labels: Readonly<Record<string, string>>) =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));

/** The list shows a valid certificate past its end date as expired (certificate.rules.ts displayStatus). */
export const displayStatusLabels: Readonly<Record<string, string>> = {
  ...certificateStatusLabels,
  expired: '已过期',
};

const statusColours: Readonly<Record<string, string>> = {
  valid: 'green',
  suspended: 'orange',
  revoked: 'red',
  expired: 'default',
};

export function CertificateStatusTag({ status }: { status: string }) {
  return <Tag color={statusColours[status] ?? 'default'}>{labelOf(displayStatusLabels, status)}</Tag>;
}

export function RoleTags({ roles }: { roles: readonly string[] }) {
  return (
    <>
      {roles.map((role) => (
        <Tag key={role} color="blue">
          {labelOf(roleLabels, role)}
        </Tag>
      ))}
    </>
  );
}

export const fieldNames = (fields: readonly string[]): string =>
  fields.map((f) => labelOf(enforcementFields, f)).join('、');

export const roleOptions = optionsOf(roleLabels);
export const fieldOptions = optionsOf(enforcementFields);
