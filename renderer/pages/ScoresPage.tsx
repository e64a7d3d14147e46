// 评分: a district's score sheet — every item with its rule, points and status; a manual self-score, evidence or
// 不适用 marking goes through 'scores/set-manual', and the server's own message is shown if it refuses.
import { useMemo, useState } from 'react';
import {
  Alert, Button, Chip, Dialog, DialogActions, DialogContent, DialogTitle, Paper, Stack, TextField, Typography,
} from '@mui/material';
import type { ScoreSheet } from '../../indicators/results.js';
import { formatPoints } from '../../indicators/value-format.js';
import { errorMessage, useApi } from '../hooks/use-api.js';
import { isComputed, useWorkstation } from '../workstation.js';
import { Empty, Show } from '../components/Feedback.js';
import { PageHeader } from '../components/PageHeader.js';
import { DistrictPicker } from '../components/DistrictPicker.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { statusColour } from '../components/colours.js';
import { useT } from '../i18n/i18n.js';
import { serverWord } from '../i18n/server-words.js';
import { DataTable, type Column } from '../components/DataTable.js';
import { useTableUrlState } from '../hooks/use-route.js';

type Item = ScoreSheet['items'][number];

export function ScoresPage({ id }: { id?: string }) {
  const w = useWorkstation();
  const t = useT('scores');
  if (!isComputed(w, w.year)) return <Empty title={t('notComputed.title', { year: w.year ?? '' })} next={t('notComputed.next')} action={{ label: t('notComputed.action'), onClick: () => w.go({ page: 'overview' }) }} />;
  return <Sheets year={w.year} id={id} />;
}

function Sheets({ year, id }: { year: number; id?: string }) {
  const w = useWorkstation();
  const t = useT('scores');
  const [edits, setEdits] = useState(0);
  const all = useApi(`scores/${year}/${w.revision}/${edits}`, () => w.client.call('scores/get', { year }));
  return (
    <Show loaded={all} label={t('loading')}>{({ sheets }) => {
      if (sheets.length === 0) return <Empty title={t('empty.title')} next={t('empty.next')} />;
      const sheet = sheets.find((s) => s.entity === id) ?? sheets[0]!;
      return (
        <Stack spacing={2}>
          <PageHeader title={t('title')}>
            <DistrictPicker districts={sheets.map((s) => ({ code: s.entity, name: s.name }))} value={sheet.entity} onChange={(code) => w.go({ page: 'scores', id: code })} />
            <Typography variant="body1" sx={{ ml: 'auto' }} data-testid="score-total">
              {t('total.earned', { earned: formatPoints(sheet.earned), max: formatPoints(sheet.applicableMax) })}<b>{sheet.total.toFixed(1)}</b>{t('total.grade')}<b>{serverWord(sheet.grade)}</b>
            </Typography>
          </PageHeader>
          <SnapshotBar sheet={sheet} onChanged={() => setEdits((e) => e + 1)} />
          {sheet.noData && <Alert severity="info" data-testid="score-no-data">{t('noData', { year: sheet.year })}</Alert>}
          {sheet.partial && <Alert severity="info">{t('partial', { id: sheet.catalogue.id, version: sheet.catalogue.version })}</Alert>}
          <SheetTable sheet={sheet} onSaved={() => setEdits((e) => e + 1)} />
        </Stack>
      );
    }}</Show>
  );
}

/** 定稿 or 草稿, with the action that changes it: finalize (reason optional) or reopen (reason required). */
function SnapshotBar({ sheet, onChanged }: { sheet: ScoreSheet; onChanged: () => void }) {
  const w = useWorkstation();
  const t = useT('scores');
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const final = sheet.snapshot.finalizedAt !== null;
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
      <Chip size="small" color={final ? 'success' : 'default'} data-testid="snapshot-state"
        label={t(final ? 'snapshot.final' : 'snapshot.draft', { run: sheet.snapshot.runId })} />
      <Button size="small" onClick={() => { setReason(''); setOpen(true); }} data-testid="snapshot-action">{t(final ? 'snapshot.reopen' : 'snapshot.finalize')}</Button>
      {open && (
        <ConfirmDialog title={t(final ? 'snapshot.reopenTitle' : 'snapshot.finalizeTitle', { year: sheet.year })} confirmLabel={t(final ? 'snapshot.reopen' : 'snapshot.finalize')}
          ready={!final || reason.trim() !== ''} danger={final} testId="snapshot-dialog" onClose={() => setOpen(false)}
          onConfirm={async () => {
            if (final) await w.client.call('snapshots/reopen', { year: sheet.year, reason: reason.trim() });
            else await w.client.call('snapshots/finalize', { year: sheet.year, ...(reason.trim() ? { reason: reason.trim() } : {}) });
            setOpen(false);
            onChanged();
          }}>
          <Typography variant="body2">{t(final ? 'snapshot.reopenBody' : 'snapshot.finalizeBody', { year: sheet.year, run: sheet.snapshot.runId })}</Typography>
          <TextField fullWidth margin="normal" label={t(final ? 'snapshot.reopenReason' : 'snapshot.finalizeReason')} value={reason}
            onChange={(e) => setReason(e.target.value)} multiline minRows={2} />
        </ConfirmDialog>
      )}
    </Stack>
  );
}

function SheetTable({ sheet, onSaved }: { sheet: ScoreSheet; onSaved: () => void }) {
  const t = useT('scores');
  const [editing, setEditing] = useState<Item | null>(null);
  const table = useTableUrlState('s');
  const columns = useMemo((): Column<Item>[] => [
    { key: 'dimension', header: t('col.dimension'), value: (i) => i.dimension },
    { key: 'indicator', header: t('col.indicator'), value: (i) => `${i.indicator} ${i.name}`, wrap: true, width: 260,
      text: (i) => (i.evidence ? `${i.indicator} ${i.name} ${t('evidence', { text: i.evidence })}` : `${i.indicator} ${i.name}`),
      render: (i) => (
        <span>{i.indicator} {i.name}
          {i.evidence && <Typography variant="caption" color="text.secondary" component="div" data-testid="item-evidence">{t('evidence', { text: i.evidence })}</Typography>}</span>
      ) },
    { key: 'value', header: t('col.value'), value: (i) => i.value, rowDecimals: (i) => i.decimals },
    { key: 'target', header: t('col.target'), value: (i) => i.target, rowDecimals: (i) => i.decimals },
    { key: 'rule', header: t('col.rule'), value: (i) => i.ruleText, wrap: true, grow: true },
    { key: 'status', header: t('col.status'), value: (i) => serverWord(i.status), text: (i) => (selfEntered(i) ? `${serverWord(i.status)} · ${t('self')}` : serverWord(i.status)),
      render: (i) => (
        <span><Chip size="small" label={serverWord(i.status)} sx={{ bgcolor: statusColour(i.status), color: '#fff' }} />
          {selfEntered(i) && <Chip size="small" variant="outlined" color="primary" label={t('self')} sx={{ ml: 0.5 }} data-testid="self-chip" />}</span>
      ) },
    // a 不适用 item has no points to show: its points left the total
    { key: 'points', header: t('col.points'), value: (i) => (i.notApplicable ? null : i.points), decimals: 2,
      text: (i) => (i.notApplicable ? '—' : `${formatPoints(i.points)} / ${formatPoints(i.maxPoints)}`) },
    { key: 'edit', header: '', value: () => null, action: true, width: 140,
      render: (i) => <Button size="small" onClick={(e) => { e.stopPropagation(); setEditing(i); }}>{t('manual.open')}</Button> },
  ], [t]);
  return (
    <Paper variant="outlined">
      <DataTable testId="score-sheet" rows={sheet.items} columns={columns} rowId={(i) => i.indicator} pageSize={100} maxHeight="none"
        state={table.state} onStateChange={table.onStateChange}
        label={t('tableLabel', { name: sheet.name, year: sheet.year })} exportName={t('exportName', { name: sheet.name, year: sheet.year })} />
      {editing && <ManualDialog sheet={sheet} item={editing} onClose={(saved) => { setEditing(null); if (saved) onSaved(); }} />}
    </Paper>
  );
}

/** A self-score someone entered (here or in a district's returned sheet), not the computed points. */
const selfEntered = (i: Item) => i.selfEntered;

function ManualDialog({ sheet, item, onClose }: { sheet: ScoreSheet; item: Item; onClose: (saved: boolean) => void }) {
  const w = useWorkstation();
  const t = useT('scores');
  // what is saved, shown when the dialog opens again
  const saved = item.enteredSelfScore;
  const [selfScore, setSelfScore] = useState(saved === null ? '' : String(saved));
  const [evidence, setEvidence] = useState(item.evidence ?? '');
  const [reason, setReason] = useState(item.notApplicableReason ?? '');
  const [busy, setBusy] = useState(false);
  const [clearing, setClearing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const score = selfScore.trim() === '' ? null : Number(selfScore);
  const badScore = score !== null && (!Number.isFinite(score) || score < 0 || (item.maxPoints !== null && score > item.maxPoints));
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      // 保存 never erases a saved self-score (an empty field leaves it): clearing is its own confirmed action
      await w.client.call('scores/set-manual', {
        year: sheet.year, entity: sheet.entity, indicator: item.indicator,
        ...(score !== null ? { selfScore: score } : {}),
        evidence: evidence.trim(),
        ...(item.notApplicableAllowed ? { notApplicableReason: reason.trim() === '' ? null : reason.trim() } : {}),
      });
      onClose(true);
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
    }
  };
  return (
    <Dialog open onClose={() => onClose(false)} maxWidth="sm" fullWidth>
      <DialogTitle>{sheet.name} · {item.indicator} {item.name}</DialogTitle>
      <DialogContent>
        <Typography variant="body2" color="text.secondary">{t('manual.rule', { rule: item.ruleText, points: formatPoints(item.points), max: formatPoints(item.maxPoints) })}</Typography>
        <TextField fullWidth margin="normal" label={t('manual.selfScore', { max: formatPoints(item.maxPoints) })} value={selfScore}
          onChange={(e) => setSelfScore(e.target.value)} error={badScore} helperText={badScore ? t('manual.badScore') : ' '} />
        <TextField fullWidth margin="normal" label={t('manual.evidence')} value={evidence} onChange={(e) => setEvidence(e.target.value)} multiline minRows={2} />
        {item.notApplicableAllowed
          ? <TextField fullWidth margin="normal" label={t('manual.reason')} value={reason} onChange={(e) => setReason(e.target.value)} multiline minRows={2} />
          : <Typography variant="body2" color="text.secondary" data-testid="no-not-applicable">{t('manual.noNotApplicable')}</Typography>}
        {error && <Alert severity="error" data-testid="manual-error">{error}</Alert>}
      </DialogContent>
      <DialogActions>
        {saved !== null && <Button color="error" sx={{ mr: 'auto' }} onClick={() => setClearing(true)} data-testid="clear-self-score">{t('manual.clear')}</Button>}
        <Button onClick={() => onClose(false)}>{t('manual.cancel')}</Button>
        <Button variant="contained" disabled={busy || badScore} onClick={() => void save()}>{t('manual.save')}</Button>
      </DialogActions>
      {clearing && saved !== null && (
        <ConfirmDialog title={t('manual.clearTitle')} confirmLabel={t('manual.clear')} danger testId="clear-confirm"
          onClose={() => setClearing(false)}
          onConfirm={async () => {
            await w.client.call('scores/set-manual', { year: sheet.year, entity: sheet.entity, indicator: item.indicator, selfScore: null });
            onClose(true);
          }}>
          <Typography>{t('manual.clearBody', { indicator: `${item.indicator} ${item.name}`, score: formatPoints(saved) })}</Typography>
        </ConfirmDialog>
      )}
    </Dialog>
  );
}
