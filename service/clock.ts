// The one place the service reads the clock. Stamps (computed, finalized, entered, generated …) are taken here and
// passed into indicators/ and reports/, which never read the clock themselves (one evaluation snapshot, issue 16).

/** Local time as the workspace records it (YYYY-MM-DD HH:MM:SS). */
export function localNow(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}
