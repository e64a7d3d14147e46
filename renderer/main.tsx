// Entry point: one API client for the page, the theme (light or dark, remembered), the app shell.
import { StrictMode, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { CssBaseline, ThemeProvider } from '@mui/material';
import { App } from './App.js';
import { createClient } from './api/client.js';
import { makeTheme, type ThemeMode } from './theme.js';

const root = document.getElementById('root');
if (!root) throw new Error('页面缺少 #root 元素');

const client = createClient();
const MODE_KEY = 'zonetrack.theme';

function Root() {
  const [mode, setMode] = useState<ThemeMode>(() => (localStorage.getItem(MODE_KEY) === 'dark' ? 'dark' : 'light'));
  const theme = useMemo(() => makeTheme(mode), [mode]);
  const toggle = () => setMode((m) => {
    const next = m === 'light' ? 'dark' : 'light';
    localStorage.setItem(MODE_KEY, next);
    return next;
  });
  return (
    <ThemeProvider theme={theme}>
      <CssBaseline />
      <App client={client} mode={mode} onToggleMode={toggle} />
    </ThemeProvider>
  );
}

createRoot(root).render(<StrictMode><Root /></StrictMode>);
