// Entry point: one API client for the page, the theme (light or dark, remembered), the app shell.
import { StrictMode, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { CssBaseline, ThemeProvider } from '@mui/material';
import { App } from './App.js';
import { createClient } from './api/client.js';
import { makeTheme, type ThemeMode } from './theme.js';
import { MODE_KEY, storedMode, ThemeModeContext } from './theme-mode.js';
import { errorText } from './i18n/error-text.js';

const root = document.getElementById('root');
if (!root) throw new Error(errorText('noRoot'));

const client = createClient();

function Root() {
  const [mode, setModeState] = useState<ThemeMode>(storedMode);
  const theme = useMemo(() => makeTheme(mode), [mode]);
  const control = useMemo(() => ({
    mode,
    setMode: (next: ThemeMode) => {
      localStorage.setItem(MODE_KEY, next);
      setModeState(next);
    },
  }), [mode]);
  return (
    <ThemeProvider theme={theme}>
      <CssBaseline />
      <ThemeModeContext.Provider value={control}>
        <App client={client} mode={mode} onToggleMode={() => control.setMode(mode === 'light' ? 'dark' : 'light')} />
      </ThemeModeContext.Provider>
    </ThemeProvider>
  );
}

createRoot(root).render(<StrictMode><Root /></StrictMode>);
