import dayjs, { type Dayjs } from 'dayjs';
import { chinaDate, chinaDateTime } from '../../../src/platform/china-date.ts';

/** Legal dates travel as `YYYY-MM-DD`; instants as ISO timestamps shown in local (China) time. */
export const isoDate = (value: Dayjs | null | undefined): string | undefined =>
  value ? value.format('YYYY-MM-DD') : undefined;

export const dayOf = (value: string | null | undefined): Dayjs | undefined =>
  value ? dayjs(value, 'YYYY-MM-DD') : undefined;

export const formatInstant = (value: string | null | undefined): string =>
  value ? chinaDateTime(new Date(value)) : '';

/** Today in China, whatever the browser's time zone: a legal date is a China date. */
export const today = (): Dayjs => dayjs(chinaDate(new Date()));
