/**
 * China's legal dates and clock times, the same on the server and in the browser, whatever the machine's
 * time zone: China keeps UTC+8 all year (no daylight saving since 1991), so a fixed offset is exact.
 * Browser-safe: no Node imports.
 */
const CHINA_OFFSET_MS = 8 * 3600_000;

/** A legal date (`YYYY-MM-DD`) in China time for an instant. */
export function chinaDate(instant: Date): string {
  return new Date(instant.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** `YYYY-MM-DD HH:mm:ss` in China time for an instant. */
export function chinaDateTime(instant: Date): string {
  return new Date(instant.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}
