// The light/dark choice, remembered in localStorage, shared with any page that offers the switch (设置, the title bar).
import { createContext, useContext } from 'react';
import type { ThemeMode } from './theme.js';

export const MODE_KEY = 'zonetrack.theme';

export function storedMode(): ThemeMode {
  return localStorage.getItem(MODE_KEY) === 'dark' ? 'dark' : 'light';
}

export interface ThemeModeControl {
  mode: ThemeMode;
  setMode: (mode: ThemeMode) => void;
}

export const ThemeModeContext = createContext<ThemeModeControl | null>(null);

/** The switch, or null where no provider offers one (tests rendering a page alone). */
export function useThemeMode(): ThemeModeControl | null {
  return useContext(ThemeModeContext);
}
