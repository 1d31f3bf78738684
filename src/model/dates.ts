/** The earliest year a date may have: a 简报 of year 0 (“0年1月1日”) is a typing slip, not a date. */
export const FIRST_YEAR = 1900;

/** True for a real calendar date written YYYY-MM-DD, from FIRST_YEAR on (2021-02-30 and 0000-01-01 are not). */
export function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < FIRST_YEAR || mo < 1 || mo > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return d <= days;
}

/** "2021-06-25" → "2021年6月25日" */
export function chineseDate(value: string): string {
  const [y, m, d] = value.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** Seconds since the epoch at 00:00 UTC+8 of the given date (the issue's own day in China). */
export function dateToEpoch(value: string): number {
  const [y, m, d] = value.split('-').map(Number);
  return Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1) / 1000 - 8 * 3600;
}
