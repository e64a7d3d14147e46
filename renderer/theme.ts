// The MUI theme: Chinese-first font stack, calm colours.
import { createTheme } from '@mui/material/styles';

export const FONT_STACK = '"Microsoft YaHei","PingFang SC","Noto Sans CJK SC","WenQuanYi Zen Hei",sans-serif';

export const theme = createTheme({
  typography: { fontFamily: FONT_STACK },
  palette: {
    primary: { main: '#2e7d32' },
    background: { default: '#f4f6f5' },
  },
});
