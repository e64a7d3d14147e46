// Argument parsing with node:util parseArgs in strict mode: unknown flags and missing values are refused.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './cli-io.js';

export type Options = NonNullable<ParseArgsConfig['options']>;

export function parse(argv: string[], options: Options) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

export function intOption(value: unknown, name: string, min = 1900, max = 2100): number {
  const n = Number(value);
  if (typeof value !== 'string' || !/^\d+$/.test(value) || n < min || n > max) {
    throw new UsageError(`--${name} 应为 ${min}–${max} 之间的整数，收到“${String(value)}”`);
  }
  return n;
}

/** "2021-2025" or "2024,2025" or "2025". */
export function yearsOption(value: string): number[] {
  const range = /^(\d{4})-(\d{4})$/.exec(value);
  if (range) {
    const [a, b] = [Number(range[1]), Number(range[2])];
    if (b < a || b - a > 20) throw new UsageError(`--years 范围无效：${value}`);
    return Array.from({ length: b - a + 1 }, (_, i) => a + i);
  }
  const list = value.split(',').map((s) => intOption(s.trim(), 'years'));
  return [...new Set(list)].sort();
}

export function requireYear(values: Record<string, unknown>): number {
  if (values.year === undefined) throw new UsageError('缺少 --year');
  return intOption(values.year, 'year', 2000, 2100);
}

export function positional(positionals: string[], index: number, what: string): string {
  const v = positionals[index];
  if (!v) throw new UsageError(`缺少参数：${what}`);
  return v;
}
