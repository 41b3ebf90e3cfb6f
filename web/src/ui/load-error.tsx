import { Alert, Button } from 'antd';
import type { ApiError } from '../api/client.ts';

/** A list or detail that could not be loaded, with a retry. */
export function LoadError({ error, retry }: { error: ApiError | undefined; retry?: () => void }) {
  if (!error) return null;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      style={{ marginBottom: 16 }}
      title={error.title}
      description={error.detail !== error.title ? error.detail : undefined}
      action={
        retry && (
          <Button size="small" onClick={retry}>
            重试
          </Button>
        )
      }
    />
  );
}
