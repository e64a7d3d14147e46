// Sizes, counts and times as the user reads them, in the UI's language.
import i18next from 'i18next';

/** The locale of numbers and times: the UI's language (Chinese until i18next says otherwise). */
function locale(): string {
  return i18next.language === 'en' ? 'en-GB' : 'zh-CN';
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(2)} GB`;
}

/** A date-time (ISO text or epoch ms) in 24-hour local time; text that is not a time is shown as it is. */
export function formatTime(at: string | number): string {
  const d = new Date(at);
  return Number.isNaN(d.getTime()) ? String(at) : d.toLocaleString(locale(), { hourCycle: 'h23' });
}

/** A count with thousands separators. */
export function formatCount(n: number): string {
  return n.toLocaleString(locale());
}
