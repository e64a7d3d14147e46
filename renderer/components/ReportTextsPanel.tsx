// 报告人工章节: the report sections the user writes (组织实施, 典型案例 …) for the page's district or the city.
// Each section is saved on its own; the report prints the saved text, or a marked placeholder when empty.
// Text typed and not yet saved is kept as a draft in localStorage (report-drafts.ts) and offered again, marked, when
// the section is shown next (after a change of district, scope, year or page, or a reload).
import { useState, type KeyboardEvent } from 'react';
import { Alert, Button, Paper, Stack, TextField, ToggleButton, ToggleButtonGroup, Typography } from '@mui/material';
import type { Result } from '../../service/contract.js';
import { errorMessage, useApi } from '../hooks/use-api.js';
import { useWorkstation } from '../workstation.js';
import { readDraft, removeDraft, writeDraft, type DraftId } from '../report-drafts.js';
import { Show } from './Feedback.js';
import { useT } from '../i18n/i18n.js';
import { formatTime, formatCount } from './format.js';

// Same limit as reports/user-texts.ts MAX_SECTION_CHARS (the renderer may not import it at runtime); the service
// refuses longer texts itself, this only drives the counter.
const MAX_SECTION_CHARS = 20_000;

type ReportTexts = Result<'reports/texts-get'>;
type Section = ReportTexts['sections'][number];

export function ReportTextsPanel({ year, district, districtName }: { year: number; district: string; districtName: string }) {
  const w = useWorkstation();
  const t = useT('common');
  const [scope, setScope] = useState<'district' | 'city'>('district');
  const entity = scope === 'city' ? 'city' : district;
  // saved texts replace the loaded ones until the next load, so 保存 turns disabled at once
  const [saved, setSaved] = useState<{ key: string; texts: ReportTexts; section: string; note: string } | null>(null);
  const key = `report-texts/${year}/${entity}/${w.revision}`;
  const loaded = useApi(key, () => w.client.call('reports/texts-get', { year, entity }));
  return (
    <Paper variant="outlined" sx={{ p: 2 }} data-testid="report-texts">
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 1, flexWrap: 'wrap' }}>
        <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>{t('reportTexts.title', { year })}</Typography>
        <ToggleButtonGroup size="small" exclusive value={scope} onChange={(_e, v: 'district' | 'city' | null) => { if (v) setScope(v); }}>
          <ToggleButton value="district" data-testid="texts-scope-district">{districtName}</ToggleButton>
          <ToggleButton value="city" data-testid="texts-scope-city">{t('reportTexts.city')}</ToggleButton>
        </ToggleButtonGroup>
      </Stack>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        {t('reportTexts.intro')}
      </Typography>
      <Show loaded={loaded} label={t('reportTexts.loading')}>{(texts) => {
        const current = saved?.key === key ? saved.texts : texts;
        return (
          <Stack spacing={3}>
            {current.sections.map((s) => (
              <SectionEditor key={`${year}/${entity}/${s.section}/${s.updatedAt ?? ''}`} year={year} entity={entity} section={s}
                note={saved?.key === key && saved.section === s.section ? saved.note : null}
                onSaved={(t, note) => setSaved({ key, texts: t, section: s.section, note })} />
            ))}
          </Stack>
        );
      }}</Show>
    </Paper>
  );
}

function SectionEditor({ year, entity, section, note, onSaved }: {
  year: number; entity: string; section: Section; note: string | null; onSaved: (t: ReportTexts, note: string) => void;
}) {
  const w = useWorkstation();
  const t = useT('common');
  const original = section.text ?? '';
  const draftId: DraftId = { workspace: w.info.path, year, entity, section: section.section };
  // a draft left from before starts the editor (marked as restored); one equal to the saved text is done with
  const [restored] = useState(() => {
    const draft = readDraft(draftId);
    if (draft && draft.text === original) removeDraft(draftId);
    return draft && draft.text !== original ? draft : null;
  });
  const [text, setText] = useState(restored?.text ?? original);
  const [draftRestored, setDraftRestored] = useState(restored !== null);
  const edit = (next: string) => {
    setText(next);
    if (next === original) {
      removeDraft(draftId);
      setDraftRestored(false); // typed back to the saved text: nothing restored any more
    } else writeDraft(draftId, next);
  };
  const discardDraft = () => {
    setText(original);
    removeDraft(draftId);
    setDraftRestored(false);
  };
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const changed = text !== original;
  const tooLong = text.length > MAX_SECTION_CHARS;
  const save = async () => {
    if (!changed || busy || tooLong) return;
    setBusy(true);
    setError(null);
    try {
      const texts = await w.client.call('reports/texts-set', { year, entity, section: section.section, text });
      // the draft is saved now, unless typing went on during the save (then the rest stays a draft)
      if (readDraft(draftId)?.text === text) removeDraft(draftId);
      const after = texts.sections.find((x) => x.section === section.section);
      // remounts this editor with the saved text (its key holds updatedAt), showing the note under it
      onSaved(texts, after?.text
        ? t('reportTexts.saved', { section: section.label, chars: formatCount(after.text.length) })
        : t('reportTexts.cleared', { section: section.label }));
    } catch (e) {
      setError(t('reportTexts.saveFailed', { message: errorMessage(e) }));
      setBusy(false);
    }
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void save();
    }
  };
  return (
    <Stack spacing={1} data-testid={`report-text-${section.section}`}>
      <Typography sx={{ fontWeight: 600 }}>{section.label}</Typography>
      {draftRestored && changed && restored && (
        <Alert severity="info" data-testid="report-text-draft"
          action={<Button color="inherit" size="small" onClick={discardDraft} data-testid={`report-text-discard-${section.section}`}>{t('reportTexts.discardDraft')}</Button>}>
          {t('reportTexts.draftRestored', { time: formatTime(restored.at) })}
        </Alert>
      )}
      <TextField multiline minRows={3} maxRows={14} fullWidth value={text} onChange={(e) => edit(e.target.value)} onKeyDown={onKey}
        placeholder={t('reportTexts.placeholder')} error={tooLong}
        slotProps={{ htmlInput: { 'aria-label': section.label, 'data-testid': `report-text-input-${section.section}` } }}
        helperText={t('reportTexts.count', { chars: formatCount(text.length), max: formatCount(MAX_SECTION_CHARS) })
          + (tooLong ? t('reportTexts.tooLong') : '')
          + (section.updatedAt ? t('reportTexts.lastSaved', { time: formatTime(section.updatedAt) }) : t('reportTexts.notSaved'))} />
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <Button variant="contained" size="small" disabled={!changed || busy || tooLong} onClick={() => void save()} data-testid={`report-text-save-${section.section}`}>{t('save')}</Button>
        {changed && <Typography variant="caption" color="text.secondary">{t('reportTexts.unsaved')}</Typography>}
      </Stack>
      {error ? <Alert severity="error">{error}</Alert> : note && !changed && <Alert severity="success" data-testid="report-text-saved">{note}</Alert>}
    </Stack>
  );
}
