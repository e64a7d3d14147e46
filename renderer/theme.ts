// The MUI theme: Chinese-first font stack, calm colours, light or dark.
import { createTheme, type Theme } from '@mui/material/styles';

export const FONT_STACK = '"Microsoft YaHei","PingFang SC","Noto Sans CJK SC","WenQuanYi Zen Hei",sans-serif';

export type ThemeMode = 'light' | 'dark';

export function makeTheme(mode: ThemeMode): Theme {
  return createTheme({
    // buttons and tabs as written (MUI upper-cases them, which makes English labels shout)
    typography: { fontFamily: FONT_STACK, button: { textTransform: 'none' } },
    // a header is never narrower than its words: no 批/次 one character a line when a table is squeezed
    components: { MuiTableCell: { styleOverrides: { head: { whiteSpace: 'nowrap' } } } },
    palette: mode === 'light'
      ? { mode, primary: { main: '#2e7d32' }, background: { default: '#f4f6f5' } }
      : { mode, primary: { main: '#81c784' }, background: { default: '#121614', paper: '#1b201d' } },
  });
}

export const theme = makeTheme('light');
