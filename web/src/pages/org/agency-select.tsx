import { Select } from 'antd';
import type { Agency } from '../../../../src/org/org.schema.ts';

/** Chooses among the readable agencies; `undefined` means the person's own. */
export function AgencySelect(props: {
  agencies: readonly Agency[];
  value?: string | undefined;
  onChange?: (value: string | undefined) => void;
  id?: string;
}) {
  return (
    <Select
      id={props.id}
      style={{ minWidth: 220 }}
      value={props.value}
      onChange={(value?: string) => props.onChange?.(value)}
      options={props.agencies.map((a) => ({ value: a.id, label: a.name }))}
      showSearch={{ optionFilterProp: 'label' }}
      placeholder="本机关"
      allowClear
    />
  );
}
