// Validity rules of hourly air data (GB 3095 table 4, HJ 663) that both the data-quality summary and the
// measures apply, kept in one place.

/** Flags that still mean a valid value; anything else marked (H, BB, -99, …) is invalid. Empty = valid. */
export const VALID_AIR_FLAGS = ['N', 'A', '有效'];
/** A 24-h mean needs this many valid hourly values. */
export const MIN_HOURS_PER_DAY = 20;
/** An annual statistic needs this many valid days a year, and a month this many (February fewer). */
export const MIN_DAYS_PER_YEAR = 324;
export const MIN_DAYS_PER_MONTH = 27;
export const MIN_DAYS_IN_FEBRUARY = 25;

/** SQL: a flag column that marks a valid value. */
export const validFlagSql = (flag: string) => `(${flag} IS NULL OR ${flag} IN (${VALID_AIR_FLAGS.map((f) => `'${f}'`).join(', ')}))`;

/** SQL: the days a month needs. */
export const monthMinimumSql = (month: string) => `(CASE WHEN ${month} = 2 THEN ${MIN_DAYS_IN_FEBRUARY} ELSE ${MIN_DAYS_PER_MONTH} END)`;
