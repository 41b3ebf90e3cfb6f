import { Flex, Tag, Typography, type TableColumnType } from 'antd';
import type { ApiError } from '../api/client.ts';

/** A row of an Excel import as the server checked it: its errors, each at its column when known. */
export interface CheckedRow {
  errors: { column?: string | null; message: string }[];
}

/** The 校验结果 column every import table shows: 通过, or each error of the row at its column. */
export function checkResultColumn<R extends CheckedRow>(): TableColumnType<R> {
  return {
    title: '校验结果',
    key: 'errors',
    render: (_, row) =>
      row.errors.length === 0 ? (
        <Tag color="green">通过</Tag>
      ) : (
        <Flex vertical>
          {row.errors.map((e, i) => (
            <Typography.Text key={i} type="danger">
              {e.column ? `${e.column}：` : ''}
              {e.message}
            </Typography.Text>
          ))}
        </Flex>
      ),
  };
}

/** The rows of a rejected import travel as an extension member of the 422 problem. */
export const rejectedRows = <R extends CheckedRow>(error: ApiError): R[] | undefined =>
  Array.isArray(error.problem.rows) ? (error.problem.rows as R[]) : undefined;
