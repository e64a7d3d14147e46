// 设置: the operator name written into the audit trail, light/dark theme, the interface language, the air-quality
// standard edition computations use, the reports' 落款 and 成文日期, the catalogue layers, and the targets in force.
import { useState, type ReactNode } from 'react';
import {
  Alert, Button, FormControl, FormControlLabel, Grid, Paper, Radio, RadioGroup, Stack, TextField, ToggleButton,
  ToggleButtonGroup, Typography,
} from '@mui/material';
import type { TFunction } from 'i18next';
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
import { LANGUAGES, setLanguage, useLanguage, useT, type Language } from '../i18n/i18n.js';

function editions(t: TFunction<'settings'>): { value: EditionSetting; label: string; help: string }[] {
  return [
    { value: 'auto', label: t('edition.autoLabel'), help: t('edition.autoHelp') },
    { value: '2012', label: 'HJ 633-2012', help: t('edition.help2012') },
    { value: '2026', label: 'HJ 633-2026', help: t('edition.help2026') },
  ];
}

export function SettingsPage() {
  const w = useWorkstation();
  const t = useT('settings');
  const [version, setVersion] = useState(0);
  const settings = useKept(useApi(`settings/${w.revision}/${version}`, () => w.client.call('settings/get', {})));
  const saved = () => setVersion((v) => v + 1);
  return (
    <Stack spacing={2}>
      <PageHeader title={t('title')}>
        <Typography variant="body2" color="text.secondary">{t('intro')}</Typography>
      </PageHeader>
      <Show loaded={settings} label={t('loading')}>{(s) => (
        <Grid container spacing={2}>
          <Grid size={{ xs: 12, md: 6 }}><UserSection user={s.user} userSet={s.userSet} onSaved={saved} /></Grid>
          <Grid size={{ xs: 12, sm: 6, md: 3 }}><ThemeSection /></Grid>
          <Grid size={{ xs: 12, sm: 6, md: 3 }}><LanguageSection /></Grid>
          <Grid size={12}><EditionSection edition={s.edition} onSaved={saved} /></Grid>
          <Grid size={12}><IssuingSection issuer={s.issuer} documentDate={s.documentDate} onSaved={saved} /></Grid>
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

/** A section that saves a small form: its intro, its fields, 保存 (busy while the call runs) and the outcome —
 *  the success text `save` returns, or the service's message. */
function FormSection({ title, testId, intro, saveTestId, ready, save, children, row = 'row' }: {
  title: string; testId: string; intro: ReactNode; saveTestId: string; ready: boolean; save: () => Promise<string>; children: ReactNode;
  row?: 'row' | { xs: 'column'; sm: 'row' };
}) {
  const t = useT('settings');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ severity: 'success' | 'error'; text: string } | null>(null);
  const submit = async () => {
    setBusy(true);
    setMessage(null);
    try {
      setMessage({ severity: 'success', text: await save() });
    } catch (e) {
      setMessage({ severity: 'error', text: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Section title={title} testId={testId}>
      <Stack component="form" spacing={1.5} onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <Typography variant="body2" color="text.secondary">{intro}</Typography>
        <Stack direction={row} spacing={1} sx={{ alignItems: 'flex-start' }}>
          {children}
          <Button type="submit" variant="contained" disabled={busy || !ready} data-testid={saveTestId}>{t('save', { ns: 'common' })}</Button>
        </Stack>
        {message && <Alert severity={message.severity}>{message.text}</Alert>}
      </Stack>
    </Section>
  );
}

function UserSection({ user, userSet, onSaved }: { user: string; userSet: boolean; onSaved: () => void }) {
  const w = useWorkstation();
  const t = useT('settings');
  const [name, setName] = useState(userSet ? user : '');
  return (
    <FormSection title={t('user.title')} testId="user-section" saveTestId="save-user" ready={name.trim() !== '' && name.trim() !== user}
      intro={t('user.current', { user, unset: userSet ? '' : t('user.unset') })}
      save={async () => {
        const r = await w.client.call('audit/set-user', { name });
        onSaved();
        return t('user.saved', { user: r.user });
      }}>
      <TextField size="small" label={t('user.name')} value={name} onChange={(e) => setName(e.target.value)} sx={{ flex: 1 }}
        slotProps={{ htmlInput: { maxLength: 100, 'data-testid': 'user-name' } }} />
    </FormSection>
  );
}

/** 落款 and 成文日期 printed under the report body; cleared by saving an empty field. */
function IssuingSection({ issuer, documentDate, onSaved }: { issuer: string | null; documentDate: string | null; onSaved: () => void }) {
  const w = useWorkstation();
  const t = useT('settings');
  const [body, setBody] = useState(issuer ?? '');
  const [date, setDate] = useState(documentDate ?? '');
  return (
    <FormSection title={t('issuing.title')} testId="issuing-section" saveTestId="save-issuing" intro={t('issuing.intro')} row={{ xs: 'column', sm: 'row' }}
      ready={body.trim() !== (issuer ?? '') || date !== (documentDate ?? '')}
      save={async () => {
        await w.client.call('settings/set', { issuer: body, documentDate: date });
        onSaved();
        return t('issuing.saved');
      }}>
      <TextField size="small" label={t('issuing.issuer')} value={body} onChange={(e) => setBody(e.target.value)} sx={{ flex: 2 }}
        slotProps={{ htmlInput: { maxLength: 60, 'data-testid': 'issuer' } }} />
      <TextField size="small" type="date" label={t('issuing.date')} value={date} onChange={(e) => setDate(e.target.value)} sx={{ flex: 1 }}
        slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'document-date' } }} />
    </FormSection>
  );
}

function ThemeSection() {
  const t = useT('settings');
  const control = useThemeMode();
  return (
    <Section title={t('theme.title')} testId="theme-section">
      {control ? (
        <ToggleChoice<ThemeMode> label={t('theme.title')} value={control.mode} onChange={(v) => control.setMode(v)} note={t('theme.remembered')}
          options={[{ value: 'light', label: t('theme.light', { ns: 'common' }), testId: 'theme-light' },
            { value: 'dark', label: t('theme.dark', { ns: 'common' }), testId: 'theme-dark' }]} />
      ) : <Typography color="text.secondary">{t('theme.unsupported')}</Typography>}
    </Section>
  );
}

/** 中文 / English, each named in its own script; remembered in this browser like the theme. */
function LanguageSection() {
  const t = useT('settings');
  const language = useLanguage();
  return (
    <Section title={t('language.title')} testId="language-section">
      <ToggleChoice<Language> label={t('language.title')} value={language} onChange={(v) => void setLanguage(v)} note={t('language.remembered')}
        options={LANGUAGES.map((l) => ({ value: l.value, label: l.label, lang: l.value === 'zh' ? 'zh-CN' : 'en', testId: `language-${l.value}` }))} />
    </Section>
  );
}

/** One exclusive choice kept in this browser (theme, language), with a line saying so. */
function ToggleChoice<V extends string>({ label, value, options, onChange, note }: {
  label: string; value: V; options: { value: V; label: string; testId: string; lang?: string }[]; onChange: (v: V) => void; note: string;
}) {
  return (
    <Stack spacing={1.5}>
      <ToggleButtonGroup exclusive value={value} aria-label={label} onChange={(_e, v: V | null) => { if (v) onChange(v); }}>
        {options.map((o) => <ToggleButton key={o.value} value={o.value} lang={o.lang} data-testid={o.testId}>{o.label}</ToggleButton>)}
      </ToggleButtonGroup>
      <Typography variant="body2" color="text.secondary">{note}</Typography>
    </Stack>
  );
}

function EditionSection({ edition, onSaved }: { edition: EditionSetting; onSaved: () => void }) {
  const w = useWorkstation();
  const t = useT('settings');
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
      setDone(t('edition.changed', { label: editions(t).find((e) => e.value === next)!.label }));
      onSaved();
    } catch (e) {
      setValue(edition);
      setError(errorMessage(e));
    }
  };
  return (
    <Section title={t('edition.title')} testId="edition-section">
      <FormControl>
        <RadioGroup value={value} onChange={(e) => void change(e.target.value as EditionSetting)} aria-label={t('edition.title')}>
          {editions(t).map((e) => (
            <FormControlLabel key={e.value} value={e.value} control={<Radio slotProps={{ input: { 'data-testid': `edition-${e.value}` } as object }} />}
              label={<span>{e.label}<Typography component="span" variant="body2" color="text.secondary" sx={{ ml: 1 }}>{e.help}</Typography></span>} />
          ))}
        </RadioGroup>
      </FormControl>
      <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
        {t('edition.note')}
      </Typography>
      {done && <Alert severity="success" sx={{ mt: 1 }}>{done}</Alert>}
      {error && <Alert severity="error" sx={{ mt: 1 }}>{error}</Alert>}
    </Section>
  );
}
