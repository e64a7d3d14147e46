// The service's enumerated words (statuses, grades, trends, unit types, batch states, dataset names) in the UI's
// language: in Chinese as sent; in English through the codes of zh/words.ts. Words that are not enumerations
// (free-text messages, rules, catalogue names) are returned as sent.
import i18next from 'i18next';
import { words } from './zh/words.js';

type Group = Exclude<keyof typeof words, 'batch' | 'dataset'>;
const GROUPS: Group[] = ['status', 'grade', 'trend', 'unitType'];
const CODE = new Map<string, string>();
for (const g of GROUPS) for (const [code, zh] of Object.entries(words[g])) if (!CODE.has(zh)) CODE.set(zh, `${g}.${code}`);

const tr = (key: string, values?: Record<string, string>) => i18next.t(`words:${key}` as never, values as never) as unknown as string;

/** One server word in the current language (Chinese, or the English of its code; unknown words as they are). */
export function serverWord(zh: string | null | undefined): string {
  if (zh === null || zh === undefined) return '';
  if (i18next.language !== 'en') return zh;
  const code = CODE.get(zh);
  if (code) return tr(code);
  // a unit type with its suffix (重点管控单元), a batch's state
  const unit = /^(.+)单元$/.exec(zh);
  if (unit && CODE.has(unit[1]!)) return `${tr(CODE.get(unit[1]!)!)} unit`;
  const superseded = /^已被批次(\d+)替换$/.exec(zh);
  if (superseded) return tr('batch.superseded', { id: superseded[1]! });
  const removed = /^已移除（(.*)）$/.exec(zh);
  if (removed) return tr('batch.removed', { reason: removed[1]! });
  return zh;
}

/** A dataset's name in the current language: the English of its id, else the server's label. */
export function datasetWord(name: string, label: string): string {
  if (i18next.language !== 'en') return label;
  return (words.dataset as Record<string, string>)[name] !== undefined ? tr(`dataset.${name}`) : label;
}
