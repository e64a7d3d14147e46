// Typed keys: t('…') accepts only keys of the Chinese resources, per namespace.
import 'i18next';
import type { zh } from './resources.js';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: typeof zh;
  }
}
