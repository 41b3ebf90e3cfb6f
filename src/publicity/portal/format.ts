/** Formatting shared by the portal's server-rendered pages and its scripts (browser-safe). */

const shanghai = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** "2026-11-28 10:32", Beijing time, whatever the reader's or the server's time zone. */
export function formatBeijingTime(iso: string): string {
  const parts = Object.fromEntries(shanghai.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

/** The sentence the verification page ends with when an entry is found and verified. */
export function recordedSentence(time: string, agencyName: string | null, index: number): string {
  const by = agencyName ? `由 ${agencyName} ` : '';
  return `于 ${formatBeijingTime(time)} ${by}记录，记录日志第 ${index + 1} 条`;
}
