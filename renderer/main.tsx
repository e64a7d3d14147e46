// Entry point: one API client for the page, the theme, the app shell.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { CssBaseline, ThemeProvider } from '@mui/material';
import { App } from './App.js';
import { createClient } from './api/client.js';
import { theme } from './theme.js';

const root = document.getElementById('root');
if (!root) throw new Error('页面缺少 #root 元素');

createRoot(root).render(
  <StrictMode>
    <ThemeProvider theme={theme}>
      <CssBaseline />
      <App client={createClient()} />
    </ThemeProvider>
  </StrictMode>,
);
