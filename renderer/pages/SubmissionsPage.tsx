// 报送与备案: the city's view of the districts' 报送 for the year — counts by state, the 38 districts with their
// state, dates and what is missing ('submissions/list'), filtered by state and by 一区两群 group, and the history of
// the district picked ('submissions/history').
import { useMemo, useState } from 'react';
import { Alert, Chip, FormControl, InputLabel, MenuItem, Paper, Select, Stack, Typography } from '@mui/material';
import type { SubmissionEvent, SubmissionRow, SubmissionStateCode } from '../../analytics/submissions/submissions.js';
import type { AdjustmentDue, FiledPlan, FilingRegister, RectificationOrder } from '../../indicators/filings/filing-register.js';
import { DataTable, type Column } from '../components/DataTable.js';
import { useApi } from '../hooks/use-api.js';
import { useWorkstation } from '../workstation.js';
import { Empty, Show } from '../components/Feedback.js';
import { PageHeader } from '../components/PageHeader.js';
import { useT } from '../i18n/i18n.js';

const CODES: SubmissionStateCode[] = ['pending', 'submitted', 'returned', 'reviewed', 'final'];
const COLOUR: Record<SubmissionStateCode, 'default' | 'info' | 'warning' | 'primary' | 'success'> = {
  pending: 'default', submitted: 'info', returned: 'warning', reviewed: 'primary', final: 'success',
};
const day = (iso: string | null) => (iso ? iso.slice(0, 10) : '—');

export function SubmissionsPage() {
  const w = useWorkstation();
  const t = useT('submissions');
  if (w.year === undefined) return <Empty title={t('noData.title')} next={t('noData.next')} action={{ label: t('noData.action'), onClick: () => w.go({ page: 'import' }) }} />;
  return <Submissions year={w.year} />;
}

function Submissions({ year }: { year: number }) {
  const w = useWorkstation();
  const t = useT('submissions');
  const list = useApi(`submissions/${year}/${w.revision}`, () => w.client.call('submissions/list', { year }));
  const [state, setState] = useState<SubmissionStateCode | 'all'>('all');
  const [group, setGroup] = useState<string>('all');
  const [picked, setPicked] = useState<SubmissionRow | undefined>(undefined);
  return (
    <Stack spacing={2}>
      <PageHeader title={t('title')}><Typography variant="body2" color="text.secondary">{t('about', { year })}</Typography></PageHeader>
      <Show loaded={list} label={t('loading')}>{(l) => {
        const groups = [...new Set(l.rows.map((r) => r.regionGroup).filter((g): g is string => !!g))];
        const rows = l.rows.filter((r) => (state === 'all' || r.stateCode === state) && (group === 'all' || r.regionGroup === group));
        return (
          <Stack spacing={2}>
            <Paper variant="outlined" sx={{ p: 2 }}>
              <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }} data-testid="submission-counts">
                <Chip label={t('filter.all', { n: l.rows.length })} color="primary" variant={state === 'all' ? 'filled' : 'outlined'} onClick={() => setState('all')} />
                {CODES.map((c) => (
                  <Chip key={c} data-testid={`submission-count-${c}`} color={COLOUR[c]} variant={state === c ? 'filled' : 'outlined'}
                    label={t('filter.state', { state: t(`states.${c}`), n: l.rows.filter((r) => r.stateCode === c).length })} onClick={() => setState(c)} />
                ))}
                <FormControl size="small" sx={{ minWidth: 220, ml: 'auto' }}>
                  <InputLabel id="submission-group-label">{t('filter.group')}</InputLabel>
                  <Select labelId="submission-group-label" label={t('filter.group')} value={group} onChange={(e) => setGroup(e.target.value)} data-testid="submission-group">
                    <MenuItem value="all">{t('filter.allGroups')}</MenuItem>
                    {groups.map((g) => <MenuItem key={g} value={g}>{g}</MenuItem>)}
                  </Select>
                </FormControl>
              </Stack>
            </Paper>
            {picked && <History year={year} row={picked} />}
            <Table rows={rows} year={year} onPick={setPicked} />
          </Stack>
        );
      }}</Show>
      <Filings year={year} />
    </Stack>
  );
}

function Filings({ year }: { year: number }) {
  const w = useWorkstation();
  const t = useT('submissions');
  const register = useApi(`filings/${year}/${w.revision}`, () => w.client.call('filings/register', { year }));
  return (
    <Paper variant="outlined" sx={{ p: 2 }} data-testid="filing-register">
      <Typography variant="h6" component="h2">{t('filings.title')}</Typography>
      {register.state === 'error'
        ? <Alert severity="info" sx={{ mt: 1 }}>{register.message}</Alert>
        : <Show loaded={register}>{(r) => <Register r={r} />}</Show>}
    </Paper>
  );
}

function Register({ r }: { r: FilingRegister }) {
  const t = useT('submissions');
  const plans = useMemo((): Column<FiledPlan>[] => [
    { key: 'level', header: t('filings.level'), value: (p) => p.level },
    { key: 'name', header: t('filings.entity'), value: (p) => p.name },
    { key: 'version', header: t('filings.version'), value: (p) => p.version },
    { key: 'kind', header: t('filings.kind'), value: (p) => p.kind },
    { key: 'published', header: t('filings.published'), value: (p) => p.publishedOn },
    { key: 'filed', header: t('filings.filed'), value: (p) => p.filedOn ?? '—' },
    { key: 'days', header: t('filings.days'), value: (p) => p.days, decimals: 0 },
    { key: 'late', header: t('filings.daysLate'), value: (p) => p.daysLate, decimals: 0 },
    { key: 'state', header: t('filings.state'), value: (p) => p.state,
      render: (p) => <Chip size="small" color={p.daysLate ? 'warning' : 'default'} label={p.state} /> },
  ], [t]);
  const adjustments = useMemo((): Column<AdjustmentDue>[] => [
    { key: 'name', header: t('filings.entity'), value: (a) => a.name },
    { key: 'version', header: t('filings.version'), value: (a) => a.version },
    { key: 'published', header: t('filings.published'), value: (a) => a.publishedOn },
    { key: 'due', header: t('filings.dueYear'), value: (a) => a.dueYear, decimals: 0 },
    { key: 'state', header: t('filings.state'), value: (a) => a.state,
      render: (a) => <Chip size="small" color={a.dueYear <= r.year ? 'warning' : 'default'} label={a.state} /> },
  ], [t, r]);
  const orders = useMemo((): Column<RectificationOrder>[] => [
    { key: 'name', header: t('filings.entity'), value: (o) => o.name },
    { key: 'no', header: t('filings.orderNo'), value: (o) => o.orderNo },
    { key: 'matter', header: t('filings.matter'), value: (o) => o.matter, wrap: true, grow: true },
    { key: 'issued', header: t('filings.issued'), value: (o) => o.issuedOn },
    { key: 'due', header: t('filings.dueOn'), value: (o) => o.dueOn ?? '—' },
    { key: 'done', header: t('filings.doneOn'), value: (o) => o.doneOn ?? '—' },
    { key: 'state', header: t('filings.state'), value: (o) => o.state,
      render: (o) => <Chip size="small" color={o.daysOverdue ? 'warning' : 'default'} label={o.state} /> },
    { key: 'overdue', header: t('filings.daysOverdue'), value: (o) => o.daysOverdue, decimals: 0 },
  ], [t]);
  return (
    <Stack spacing={1.5} sx={{ mt: 1 }}>
      <Typography variant="body2" color="text.secondary">{t('filings.about', { date: r.referenceDate, days: r.filingDays, years: r.adjustmentYears })}</Typography>
      <Typography variant="subtitle2">{t('filings.plans')}</Typography>
      <DataTable testId="filing-plans" rows={r.plans} columns={plans} rowId={(p) => `${p.entity}/${p.version}`} exportName={t('filings.exportName', { year: r.year })} />
      <Typography variant="subtitle2">{t('filings.updates', { year: r.year, n: r.updates.length, unfiled: r.updates.filter((u) => !u.filedOn && u.daysLate).length })}</Typography>
      <Typography variant="subtitle2">{t('filings.adjustments')}</Typography>
      <DataTable testId="filing-adjustments" rows={r.adjustments} columns={adjustments} rowId={(a) => a.entity} />
      <Typography variant="subtitle2">{t('filings.orders')}</Typography>
      {r.orders.length === 0
        ? <Typography color="text.secondary">{t('filings.noOrders')}</Typography>
        : <DataTable testId="filing-orders" rows={r.orders} columns={orders} rowId={(o) => `${o.entity}/${o.orderNo}`} />}
    </Stack>
  );
}

function Table({ rows, year, onPick }: { rows: SubmissionRow[]; year: number; onPick: (r: SubmissionRow) => void }) {
  const t = useT('submissions');
  const columns = useMemo((): Column<SubmissionRow>[] => [
    { key: 'district', header: t('col.district'), value: (r) => r.district, monospace: true },
    { key: 'name', header: t('col.name'), value: (r) => r.name },
    { key: 'group', header: t('col.group'), value: (r) => r.regionGroup },
    { key: 'state', header: t('col.state'), value: (r) => t(`states.${r.stateCode}`),
      render: (r) => <Chip size="small" color={COLOUR[r.stateCode]} label={t(`states.${r.stateCode}`)} data-testid={`state-${r.district}`} /> },
    { key: 'first', header: t('col.first'), value: (r) => day(r.firstSubmittedAt) },
    { key: 'last', header: t('col.last'), value: (r) => day(r.lastSubmittedAt) },
    { key: 'reviewed', header: t('col.reviewed'), value: (r) => day(r.reviewedAt) },
    { key: 'final', header: t('col.final'), value: (r) => day(r.finalizedAt) },
    { key: 'evidence', header: t('col.evidence'), value: (r) => r.evidence, decimals: 0 },
    { key: 'missing', header: t('col.missing'), value: (r) => r.missing.join(t('separator')) || t('nothingMissing'), wrap: true, grow: true },
  ], [t]);
  return (
    <DataTable testId="submissions-table" rows={rows} columns={columns} rowId={(r) => r.district} onRowClick={onPick}
      exportName={t('exportName', { year })} pageSize={50} />
  );
}

function History({ year, row }: { year: number; row: SubmissionRow }) {
  const w = useWorkstation();
  const t = useT('submissions');
  const history = useApi(`submissions/history/${year}/${row.district}/${w.revision}`, () => w.client.call('submissions/history', { year, district: row.district }));
  return (
    <Paper variant="outlined" sx={{ p: 2 }} data-testid="submission-history">
      <Typography variant="subtitle1" sx={{ fontWeight: 600 }}>{t('history.title', { name: row.name, code: row.district })}</Typography>
      <Show loaded={history}>{(h) => h.events.length === 0
        ? <Typography color="text.secondary">{t('history.none')}</Typography>
        : (
          <Stack spacing={0.75} sx={{ mt: 1 }}>
            {h.events.map((e) => <EventLine key={e.id} e={e} />)}
          </Stack>
        )}</Show>
    </Paper>
  );
}

function EventLine({ e }: { e: SubmissionEvent }) {
  const t = useT('submissions');
  const contents = e.contents ? [e.contents.source, e.contents.file, ...(e.contents.datasets ?? []).map((d) => t('history.dataset', { dataset: d.dataset, rows: d.rows })),
    ...(e.contents.evidence ?? []).map((f) => t('history.evidence', { file: f.file, sha: f.sha256.slice(0, 12) }))].filter(Boolean).join(t('separator')) : '';
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'baseline', flexWrap: 'wrap' }}>
      <Typography variant="body2" sx={{ fontFamily: 'monospace', color: 'text.secondary' }}>{e.at.slice(0, 19).replace('T', ' ')}</Typography>
      <Chip size="small" color={COLOUR[e.toCode]} label={t(`states.${e.toCode}`)} />
      <Typography variant="body2">
        {t('history.line', { operator: e.operator, reason: e.reason ?? '—' })}
        {e.items.length > 0 && ` ${t('history.items', { items: e.items.map((i) => t('history.item', { item: i.item, reason: i.reason })).join(t('separator')) })}`}
        {contents && ` ${t('history.contents', { contents })}`}
      </Typography>
    </Stack>
  );
}
