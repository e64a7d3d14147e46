// The UI's words: Chinese first, English second. One i18next instance, initialised when this module is first
// imported (resources are bundled, so it is ready at once); the language is remembered in localStorage like the theme.
import i18next from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import { resources, type Namespace } from './resources.js';

export type Language = 'zh' | 'en';

export const LANG_KEY = 'zonetrack.lang';

/** Each language named in its own script, as language menus do. */
export const LANGUAGES: ReadonlyArray<{ value: Language; label: string }> = [
  { value: 'zh', label: '中文' },
  { value: 'en', label: 'English' },
];

export function storedLanguage(): Language {
  try {
    return localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

void i18next.use(initReactI18next).init({
  resources,
  lng: storedLanguage(),
  fallbackLng: 'zh',
  defaultNS: 'common',
  ns: Object.keys(resources.zh),
  interpolation: { escapeValue: false }, // React escapes already
  initAsync: false,
});
if (typeof document !== 'undefined') document.documentElement.lang = i18next.language === 'en' ? 'en' : 'zh-CN';

/** The translate function of one namespace (a page or `common`), re-rendering when the language changes. */
export function useT<N extends Namespace>(ns: N) {
  return useTranslation(ns).t;
}

/** The language in use, re-rendering when it changes. */
export function useLanguage(): Language {
  return useTranslation().i18n.language === 'en' ? 'en' : 'zh';
}

export async function setLanguage(language: Language): Promise<void> {
  localStorage.setItem(LANG_KEY, language);
  await i18next.changeLanguage(language);
  document.documentElement.lang = language === 'en' ? 'en' : 'zh-CN';
}
