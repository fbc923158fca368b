const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** A local calendar date as YYYY-MM-DD (the day the reader read or copied). */
export function isoDay(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

function parts(date: string): { y: string; m?: number; d?: number } {
  const [y, m, d] = date.split('-');
  return {
    y: y ?? date,
    ...(m ? { m: Number(m) } : {}),
    ...(d ? { d: Number(d) } : {}),
  };
}

/** APA 7's date in a reference: "2024, February 2", "2024, February", "2024". */
export function apaDate(date: string): string {
  const { y, m, d } = parts(date);
  if (!m) return y;
  const month = MONTHS[m - 1] ?? '';
  return d ? `${y}, ${month} ${d}` : `${y}, ${month}`;
}

/** APA 7's retrieval date: "December 7, 2026". */
export function apaDay(date: string): string {
  const { y, m, d } = parts(date);
  return m && d ? `${MONTHS[m - 1] ?? ''} ${d}, ${y}` : y;
}

export function yearOf(date: string): string {
  return parts(date).y;
}
