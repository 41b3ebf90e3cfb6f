/**
 * One way to read column values, whichever database is underneath. PostgreSQL's `date` is a legal date
 * (no time zone), so it stays the `YYYY-MM-DD` string; `int8` counters become numbers (our counters stay far
 * below 2^53); `numeric` stays a string so no precision is lost. Instants (`timestamptz`) become Dates.
 */
export const OID = { INT8: 20, DATE: 1082, NUMERIC: 1700 } as const;

export const typeParsers: Record<number, (value: string) => unknown> = {
  [OID.INT8]: (v) => Number(v),
  [OID.DATE]: (v) => v,
  [OID.NUMERIC]: (v) => v,
};
