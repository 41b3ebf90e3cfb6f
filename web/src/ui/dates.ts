import dayjs, { type Dayjs } from 'dayjs';

/** Legal dates travel as `YYYY-MM-DD`; instants as ISO timestamps shown in local (China) time. */
export const isoDate = (value: Dayjs | null | undefined): string | undefined =>
  value ? value.format('YYYY-MM-DD') : undefined;

export const dayOf = (value: string | null | undefined): Dayjs | undefined =>
  value ? dayjs(value, 'YYYY-MM-DD') : undefined;

export const formatInstant = (value: string | null | undefined): string =>
  value ? dayjs(value).format('YYYY-MM-DD HH:mm:ss') : '';

export const today = (): Dayjs => dayjs().startOf('day');
