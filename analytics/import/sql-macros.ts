// SQL macros that read the text forms real files use (datasets.md "Rules every importer follows").
// Created per import on the import's connection; they only read their argument.
import type { Sql } from '../workspace.js';
import { POLLUTANT_SYNONYMS } from './datasets.js';
import { sqlString } from '../sql.js';

/** Numbers monitoring systems write for "no value". */
export const MISSING_NUMBER_CODES = [-99, -999, -9999];

/** Cells that mean "no value": kept as NULL, never 0. */
export const MISSING_MARKERS = ['', '—', '–', '-', '--', '/', 'NA', 'N/A', 'NULL', 'null', '无', '缺测', ...MISSING_NUMBER_CODES.map(String)];

const FULL_WIDTH = '０１２３４５６７８９．－＋，：／　＜＞（）';
const HALF_WIDTH = '0123456789.-+,:/ <>()';
const FULL_WIDTH_ALNUM = '０１２３４５６７８９ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ－＿';
const HALF_WIDTH_ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_';
const SUBSCRIPTS = '₀₁₂₃₄₅₆₇₈₉';
const DIGITS = '0123456789';

/**
 * The key an enum value is looked up by: half-width, subscripts as digits, bracketed notes ("（以N计）") and
 * spaces, dashes, underscores, colons dropped, lower case. `zt_key` in SQL does the same to a cell.
 */
export function enumKey(s: string): string {
  const from = FULL_WIDTH + SUBSCRIPTS, to = HALF_WIDTH + DIGITS;
  const half = [...s.trim()].map((ch) => { const i = from.indexOf(ch); return i >= 0 ? to[i]! : ch; }).join('');
  return half.replace(/[([【][^)\]】]*[)\]】]|[\s_\-:：*]/g, '').toLowerCase();
}

function pollutantMap(): string {
  const pairs = Object.entries(POLLUTANT_SYNONYMS).flatMap(([p, syn]) =>
    syn.map((s) => `${sqlString(s.toLowerCase())}: ${sqlString(p)}`));
  return `MAP {${pairs.join(', ')}}`;
}

export async function createImportMacros(sql: Sql): Promise<void> {
  const markers = MISSING_MARKERS.map(sqlString).join(', ');
  await sql.run(`
    -- list_contains, not IN: the optimizer turns a long IN list into a join that runs over every row, also
    -- where the test sits in a CASE branch that few rows reach (the one-pass load's row check).
    CREATE OR REPLACE TEMP MACRO zt_is_missing(s) AS (s IS NULL OR list_contains([${markers}], trim(s)));
    -- translate() with non-ASCII arguments is slow (seconds per million cells): ASCII text (strlen = length)
    -- has nothing to translate and skips it.
    CREATE OR REPLACE TEMP MACRO zt_ascii(s) AS strlen(s) = length(s);
    CREATE OR REPLACE TEMP MACRO zt_half(s) AS
      CASE WHEN zt_ascii(s) THEN trim(s) ELSE translate(trim(s), '${FULL_WIDTH}', '${HALF_WIDTH}') END;
    -- A number as written in the file, or NULL: missing codes (-99 …) and NaN/Infinity are no value.
    CREATE OR REPLACE TEMP MACRO zt_finite(v) AS CASE WHEN isfinite(v) AND v NOT IN (${MISSING_NUMBER_CODES.join(', ')}) THEN v END;
    CREATE OR REPLACE TEMP MACRO zt_key(s) AS
      lower(regexp_replace(translate(trim(s), '${FULL_WIDTH}${SUBSCRIPTS}', '${HALF_WIDTH}${DIGITS}'), '[(\\[【][^)\\]】]*[)\\]】]|[\\s_\\-:：*]', '', 'g'));
    -- Below the detection limit: "ND", "未检出", "<0.01", "0.01L", "ND(0.01)". The limit is kept where written.
    CREATE OR REPLACE TEMP MACRO zt_dl_text(s) AS upper(replace(zt_half(s), ' ', ''));
    CREATE OR REPLACE TEMP MACRO zt_below_detection(s) AS
      regexp_full_match(zt_dl_text(s), '(ND|N\\.D\\.?|未检出|低于检出限)(\\(?<?[0-9]*\\.?[0-9]+\\)?)?|<[0-9]*\\.?[0-9]+|[0-9]*\\.?[0-9]+L');
    CREATE OR REPLACE TEMP MACRO zt_detection_limit(s) AS
      CASE WHEN zt_below_detection(s) THEN TRY_CAST(nullif(regexp_extract(zt_dl_text(s), '[0-9]*\\.?[0-9]+'), '') AS DOUBLE) END;
    -- Thousands separators only where they group thousands: "12,5" is a decimal comma (or a typo), not 125.
    CREATE OR REPLACE TEMP MACRO zt_grouped(h) AS
      CASE WHEN regexp_full_match(h, '[+-]?\\d{1,3}(,\\d{3})+(\\.\\d+)?') THEN replace(h, ',', '') ELSE h END;
    CREATE OR REPLACE TEMP MACRO zt_num(s) AS
      CASE WHEN zt_is_missing(s) THEN NULL ELSE zt_finite(TRY_CAST(zt_grouped(replace(zt_half(s), ' ', '')) AS DOUBLE)) END;
    -- Codes: full-width letters and digits (typed with a Chinese input method) as their ASCII forms, upper case.
    CREATE OR REPLACE TEMP MACRO zt_code(s) AS
      nullif(upper(CASE WHEN zt_ascii(s) THEN trim(s) ELSE translate(trim(s), '${FULL_WIDTH_ALNUM}', '${HALF_WIDTH_ALNUM}') END), '');
    CREATE OR REPLACE TEMP MACRO zt_time_parts(s) AS regexp_extract(zt_half(s),
      '^(\\d{4})[-/.年](\\d{1,2})[-/.月](\\d{1,2})日?(?:[ T]+(\\d{1,2})(?:[:时点](\\d{1,2})?)?(?::(\\d{1,2})(?:\\.\\d+)?)?分?)?$',
      ['y', 'mo', 'd', 'h', 'mi', 'se']);
    -- Hour-ending 24:00 is the next day's 00:00. Excel serial numbers count days from 1899-12-30.
    CREATE OR REPLACE TEMP MACRO zt_time_from(p) AS
      CASE WHEN p.y = '' OR p.h = '' THEN NULL -- hourly data: a date without its hour is not a time
           WHEN coalesce(TRY_CAST(nullif(p.h, '') AS INTEGER), 0) = 24
             THEN CASE WHEN coalesce(TRY_CAST(nullif(p.mi, '') AS INTEGER), 0) = 0 AND coalesce(TRY_CAST(nullif(p.se, '') AS INTEGER), 0) = 0
                       THEN TRY_CAST(printf('%s-%s-%s', p.y, p.mo, p.d) AS DATE) + INTERVAL 1 DAY END
           ELSE TRY_CAST(printf('%s-%02d-%02d %02d:%02d:%02d', p.y, p.mo::INTEGER, p.d::INTEGER,
                  coalesce(TRY_CAST(nullif(p.h, '') AS INTEGER), 0), coalesce(TRY_CAST(nullif(p.mi, '') AS INTEGER), 0),
                  coalesce(TRY_CAST(nullif(p.se, '') AS INTEGER), 0)) AS TIMESTAMP) END;
    -- The slow path, for cells DuckDB's own timestamp cast does not read (Chinese forms, Excel serials).
    -- HJ 212 compact times: 20250101120000, DataTime=20250101120000, a QN with milliseconds (…000).
    CREATE OR REPLACE TEMP MACRO zt_hj212_parts(s) AS regexp_extract(upper(zt_half(s)),
      '^(?:DATATIME=)?(\\d{4})(\\d{2})(\\d{2})(\\d{2})(\\d{2})(\\d{2})(?:\\d{3})?$', ['y', 'mo', 'd', 'h', 'mi', 'se']);
    CREATE OR REPLACE TEMP MACRO zt_time_slow(s) AS
      CASE WHEN zt_is_missing(s) THEN NULL
           WHEN regexp_full_match(upper(zt_half(s)), '(DATATIME=)?\\d{14}(\\d{3})?') THEN zt_time_from(zt_hj212_parts(s))
           WHEN regexp_full_match(zt_half(s), '\\d{5}(\\.\\d+)?')
             THEN TIMESTAMP '1899-12-30' + to_seconds(round(zt_half(s)::DOUBLE * 86400)::BIGINT)
           ELSE zt_time_from(zt_time_parts(s)) END;
    -- Dates: the same forms as times, the hour optional; Excel serials keep their day.
    CREATE OR REPLACE TEMP MACRO zt_date_from(p) AS
      CASE WHEN p.y = '' THEN NULL ELSE TRY_CAST(printf('%s-%02d-%02d', p.y, p.mo::INTEGER, p.d::INTEGER) AS DATE) END;
    CREATE OR REPLACE TEMP MACRO zt_date_slow(s) AS
      CASE WHEN zt_is_missing(s) THEN NULL
           WHEN regexp_full_match(zt_half(s), '\\d{5}(\\.\\d+)?') THEN (DATE '1899-12-30' + floor(zt_half(s)::DOUBLE)::INTEGER)
           -- 20250115, as many enforcement systems export dates
           WHEN regexp_full_match(zt_half(s), '(19|20)\\d{6}') THEN TRY_STRPTIME(zt_half(s), '%Y%m%d')::DATE
           ELSE zt_date_from(zt_time_parts(s)) END;
    -- Whole numbers only: 3.5 inspections is not a count.
    CREATE OR REPLACE TEMP MACRO zt_int(v) AS CASE WHEN isfinite(v) AND v = floor(v) THEN v::BIGINT END;
    CREATE OR REPLACE TEMP MACRO zt_pollutant(s) AS
      (${pollutantMap()})[lower(replace(translate(trim(s), '₀₁₂₃₄₅₆₇₈₉．ＰＭＳＯＮＣ', '0123456789.PMSONC'), ' ', ''))];
    CREATE OR REPLACE TEMP MACRO zt_bool(s) AS
      CASE WHEN upper(trim(s)) IN ('是', 'Y', 'YES', 'TRUE', '1', '√', '达标', '已开展') THEN true
           WHEN upper(trim(s)) IN ('否', 'N', 'NO', 'FALSE', '0', '×', '不达标', '超标', '未开展') THEN false END;
    CREATE OR REPLACE TEMP MACRO zt_unit_type(s) AS
      CASE WHEN trim(s) IN ('1', '优先保护', '优先保护单元', '优先') THEN 1
           WHEN trim(s) IN ('2', '重点管控', '重点管控单元', '重点') THEN 2
           WHEN trim(s) IN ('3', '一般管控', '一般管控单元', '一般') THEN 3 END;
  `);
}
