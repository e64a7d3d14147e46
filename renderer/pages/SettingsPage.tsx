// 设置: the operator name written into the audit trail, light/dark theme, the air-quality standard edition
// computations use, the catalogue layers, and the targets in force.
import { useState, type ReactNode } from 'react';
import {
  Alert, Button, FormControl, FormControlLabel, Grid, Paper, Radio, RadioGroup, Stack, TextField, ToggleButton,
  ToggleButtonGroup, Typography,
} from '@mui/material';
import type { EditionSetting } from '../../analytics/settings/workspace-settings.js';
import { errorMessage, useApi } from '../hooks/use-api.js';
import { useKept } from '../hooks/use-kept.js';
import { useWorkstation } from '../workstation.js';
import { useThemeMode } from '../theme-mode.js';
import type { ThemeMode } from '../theme.js';
import { PageHeader } from '../components/PageHeader.js';
import { Show } from '../components/Feedback.js';
import { LayersPanel } from '../components/LayersPanel.js';
import { TargetsPanel } from '../components/TargetsPanel.js';

const EDITIONS: { value: EditionSetting; label: string; help: string }[] = [
  { value: 'auto', label: '默认按年份', help: '2025年及以前按 GB 3095-2012 / HJ 633-2012，2026年起按 GB 3095-2026 / HJ 633-2026' },
  { value: '2012', label: 'HJ 633-2012', help: '所有年度按 GB 3095-2012 / HJ 633-2012 评价' },
  { value: '2026', label: 'HJ 633-2026', help: '所有年度按 GB 3095-2026 / HJ 633-2026 评价' },
];

export function SettingsPage() {
  const w = useWorkstation();
  const [version, setVersion] = useState(0);
  const settings = useKept(useApi(`settings/${w.revision}/${version}`, () => w.client.call('settings/get', {})));
  const saved = () => setVersion((v) => v + 1);
  return (
    <Stack spacing={2}>
      <PageHeader title="设置">
        <Typography variant="body2" color="text.secondary">设置保存在工作空间中（主题保存在本机浏览器）；每次更改都记入审计记录。</Typography>
      </PageHeader>
      <Show loaded={settings} label="正在读取设置">{(s) => (
        <Grid container spacing={2}>
          <Grid size={{ xs: 12, md: 6 }}><UserSection user={s.user} userSet={s.userSet} onSaved={saved} /></Grid>
          <Grid size={{ xs: 12, md: 6 }}><ThemeSection /></Grid>
          <Grid size={12}><EditionSection edition={s.edition} onSaved={saved} /></Grid>
        </Grid>
      )}</Show>
      <LayersPanel />
      <TargetsPanel />
    </Stack>
  );
}

function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <Paper variant="outlined" sx={{ p: 2, height: '100%' }} data-testid={testId}>
      <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600, mb: 1.5 }}>{title}</Typography>
      {children}
    </Paper>
  );
}

function UserSection({ user, userSet, onSaved }: { user: string; userSet: boolean; onSaved: () => void }) {
  const w = useWorkstation();
  const [name, setName] = useState(userSet ? user : '');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ severity: 'success' | 'error'; text: string } | null>(null);
  const save = async () => {
    setBusy(true);
    setMessage(null);
    try {
      const r = await w.client.call('audit/set-user', { name });
      setMessage({ severity: 'success', text: `已保存：此后的操作记录为“${r.user}”。` });
      onSaved();
    } catch (e) {
      setMessage({ severity: 'error', text: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Section title="操作人" testId="user-section">
      <Stack component="form" spacing={1.5} onSubmit={(e) => { e.preventDefault(); void save(); }}>
        <Typography variant="body2" color="text.secondary">
          当前：{user}{userSet ? '' : '（未填写，使用系统账户名）'}。审计记录的每一条都写明操作人。
        </Typography>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start' }}>
          <TextField size="small" label="操作人姓名" value={name} onChange={(e) => setName(e.target.value)} sx={{ flex: 1 }}
            slotProps={{ htmlInput: { maxLength: 100, 'data-testid': 'user-name' } }} />
          <Button type="submit" variant="contained" disabled={busy || name.trim() === '' || name.trim() === user} data-testid="save-user">保存</Button>
        </Stack>
        {message && <Alert severity={message.severity}>{message.text}</Alert>}
      </Stack>
    </Section>
  );
}

function ThemeSection() {
  const control = useThemeMode();
  return (
    <Section title="界面主题" testId="theme-section">
      {control ? (
        <Stack spacing={1.5}>
          <ToggleButtonGroup exclusive value={control.mode} aria-label="界面主题"
            onChange={(_e, v: ThemeMode | null) => { if (v) control.setMode(v); }}>
            <ToggleButton value="light" data-testid="theme-light">浅色</ToggleButton>
            <ToggleButton value="dark" data-testid="theme-dark">深色</ToggleButton>
          </ToggleButtonGroup>
          <Typography variant="body2" color="text.secondary">保存在本机，下次打开时沿用。</Typography>
        </Stack>
      ) : <Typography color="text.secondary">此窗口不支持切换主题。</Typography>}
    </Section>
  );
}

function EditionSection({ edition, onSaved }: { edition: EditionSetting; onSaved: () => void }) {
  const w = useWorkstation();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  // shown at once; put back if the service refuses
  const [value, setValue] = useState(edition);
  const change = async (next: EditionSetting) => {
    setError(null);
    setDone(null);
    setValue(next);
    try {
      await w.client.call('settings/set', { edition: next });
      setDone(`已改为“${EDITIONS.find((e) => e.value === next)!.label}”。已计算的结果保留计算时的版本；重新计算后按新设置评价。`);
      onSaved();
    } catch (e) {
      setValue(edition);
      setError(errorMessage(e));
    }
  };
  return (
    <Section title="空气质量标准版本" testId="edition-section">
      <FormControl>
        <RadioGroup value={value} onChange={(e) => void change(e.target.value as EditionSetting)} aria-label="空气质量标准版本">
          {EDITIONS.map((e) => (
            <FormControlLabel key={e.value} value={e.value} control={<Radio slotProps={{ input: { 'data-testid': `edition-${e.value}` } as object }} />}
              label={<span>{e.label}<Typography component="span" variant="body2" color="text.secondary" sx={{ ml: 1 }}>{e.help}</Typography></span>} />
          ))}
        </RadioGroup>
      </FormControl>
      <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
        计算指标时未另行指定版本，就按此设置（命令行 compute --edition 仍可临时指定）。五年评估的每个年度始终按该年的标准版本。
      </Typography>
      {done && <Alert severity="success" sx={{ mt: 1 }}>{done}</Alert>}
      {error && <Alert severity="error" sx={{ mt: 1 }}>{error}</Alert>}
    </Section>
  );
}
