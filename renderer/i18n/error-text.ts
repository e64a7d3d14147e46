// The shared error messages for code outside React (API clients, plain helpers), in the language in use. It needs
// no DOM and no React, so Node tests may use the clients: before i18n.ts has initialised i18next (that is, outside
// the app) the Chinese words are used.
import i18next from 'i18next';
import { common } from './zh/common.js';

export type ErrorKey = keyof typeof common.errors;

export function errorText(key: ErrorKey, values: Record<string, string | number> = {}): string {
  // keys are checked by ErrorKey; the typed t() cannot follow a key built from a union
  if (i18next.isInitialized) return (i18next.t as (key: string, options: object) => string)(`errors.${key}`, { ns: 'common', ...values });
  return common.errors[key].replace(/\{\{(\w+)\}\}/g, (_m, name: string) => String(values[name] ?? ''));
}
