// 预警清单: the units of the year that meet their type's watch-list rule, grouped by unit type, each with every
// condition it met — the value, the threshold and the records behind it. One 'watchlist/get' answer per year;
// the district and type filters work on it in the page. 导出 writes what is shown as .xlsx ('watchlist/export')
// into the report folder and downloads it (browser mode) or names the file (desktop).
import { useMemo, useState } from 'react';
import { Alert, Box, Button, Chip, Link, Paper, Stack, Typography } from '@mui/material';
import type { Result } from '../../service/contract.js';
import { errorMessage, useApi } from '../hooks/use-api.js';
import { isComputed, useWorkstation } from '../workstation.js';
import { downloadReport } from '../api/files.js';
import { Empty, Show } from '../components/Feedback.js';
import { PageHeader } from '../components/PageHeader.js';
import { Picker } from '../components/Selectors.js';
import { number } from '../components/LineageDialog.js';
import { useT } from '../i18n/i18n.js';
import { DataTable, type Column } from '../components/DataTable.js';
import { useTableUrlState } from '../hooks/use-route.js';
import { FlaggedUnitsMap } from './MapPage.js';

type WatchFlag = Result<'watchlist/get'>['flags'][number];
type WatchEvidence = WatchFlag['evidence'][number];

/** Unit type numbers (WatchFlag.unitTypeNo) in the order groups are shown. */
const TYPES = [1, 2, 3] as const;
type TypeNo = (typeof TYPES)[number];
const TYPE_COLOUR: Record<TypeNo, string> = { 1: '#2e7d32', 2: '#c62828', 3: '#1565c0' };
/** Records listed under a condition before 展开. */
const RECORDS_SHOWN = 3;

export function WatchlistPage() {
  const w = useWorkstation();
  const t = useT('watchlist');
  if (!isComputed(w, w.year)) {
    return <Empty title={t('notComputed.title', { year: w.year ?? '' })} next={t('notComputed.next')}
      action={{ label: t('notComputed.action'), onClick: () => w.go({ page: 'overview' }) }} />;
  }
  return <Watchlist year={w.year} />;
}

function Watchlist({ year }: { year: number }) {
  const w = useWorkstation();
  const t = useT('watchlist');
  const loaded = useApi(`watchlist/${year}/${w.revision}`, () => w.client.call('watchlist/get', { year }));
  return <Show loaded={loaded} label={t('loading')}>{({ flags }) => <Flags year={year} flags={flags} />}</Show>;
}

export function evidenceValue(v: WatchEvidence['value'] | WatchEvidence['threshold']): string {
  return typeof v === 'number' ? number(v) : (v ?? '—');
}

function Flags({ year, flags }: { year: number; flags: WatchFlag[] }) {
  const t = useT('watchlist');
  const [district, setDistrict] = useState('all');
  const [type, setType] = useState('all');
  const districts = useMemo(() => [...new Map(flags.map((f) => [f.district, f.districtName])).entries()], [flags]);
  const shown = useMemo(() => flags.filter((f) => (district === 'all' || f.district === district) && (type === 'all' || String(f.unitTypeNo) === type)),
    [flags, district, type]);
  const shownCodes = useMemo(() => shown.map((f) => f.unitCode), [shown]);
  if (flags.length === 0) {
    return <Empty title={t('empty.title', { year })} next={t('empty.next')} />;
  }
  return (
    <Stack spacing={2}>
      <PageHeader title={t('title')}>
        <Picker id="watch-district-select" label={t('district')} value={district} onChange={setDistrict} minWidth={180}
          choices={[{ value: 'all', label: t('allDistricts') }, ...districts.map(([c, n]) => ({ value: c, label: t('districtOption', { name: n, n: flags.filter((f) => f.district === c).length }) }))]} />
        <Picker id="watch-type-select" label={t('unitTypeLabel')} value={type} onChange={setType} minWidth={170}
          choices={[{ value: 'all', label: t('allTypes') }, ...TYPES.map((k) => ({ value: String(k), label: t('typeOption', { type: t(`unitType.${k}`), n: flags.filter((f) => f.unitTypeNo === k).length }) }))]} />
        <ExportButton year={year} district={district === 'all' ? undefined : district} unitType={type === 'all' ? undefined : flags.find((f) => String(f.unitTypeNo) === type)?.unitType} disabled={shown.length === 0} />
        <Typography variant="body2" color="text.secondary" sx={{ ml: 'auto' }} data-testid="watch-count">
          {t('count', { shown: shown.length, total: flags.length, year })}
        </Typography>
      </PageHeader>
      {shown.length === 0 && <Alert severity="info">{t('noneShown')}</Alert>}
      <FlaggedUnitsMap year={year} flagged={shownCodes} district={district === 'all' ? undefined : district} />
      {shown.length > 0 && <FlagTable year={year} flags={shown} />}
    </Stack>
  );
}

function ExportButton({ year, district, unitType, disabled }: { year: number; district?: string; unitType?: string; disabled: boolean }) {
  const w = useWorkstation();
  const t = useT('watchlist');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const run = async () => {
    setBusy(true);
    setMessage(null);
    try {
      const folders = await w.client.call('workspace/folders', {});
      const written = await w.client.call('watchlist/export', { year, district, unitType, outDir: folders.reports });
      // Desktop has no download route: the file stays in the report folder, whose path is shown.
      if (!window.zonetrack) await downloadReport(written.path);
      setMessage({ ok: true, text: t('export.done', { units: written.units, rows: written.rows, path: written.path }) });
    } catch (e) {
      setMessage({ ok: false, text: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack spacing={0.5}>
      <Button variant="outlined" onClick={() => void run()} disabled={busy || disabled} data-testid="watch-export">{busy ? t('export.busy') : t('export.button')}</Button>
      {message && <Typography variant="caption" color={message.ok ? 'text.secondary' : 'error'} data-testid="watch-export-message">{message.text}</Typography>}
    </Stack>
  );
}

/** One row of the table: a condition a unit met (a unit without evidence has one row without a condition). */
interface WatchRow { flag: WatchFlag; k: number; evidence: WatchEvidence | null }

/** Every condition of every unit shown, in one table (sort, column filters, export of what is shown); the unit type
 *  leads each row, the type's rule is named above. */
function FlagTable({ year, flags }: { year: number; flags: WatchFlag[] }) {
  const w = useWorkstation();
  const t = useT('watchlist');
  const go = w.go;
  const table = useTableUrlState('w');
  const rows = useMemo(() => flags.flatMap((flag): WatchRow[] => (flag.evidence.length === 0 ? [{ flag, k: 0, evidence: null }]
    : flag.evidence.map((evidence, k) => ({ flag, k, evidence })))), [flags]);
  const rules = useMemo(() => TYPES.flatMap((k) => {
    const f = flags.find((x) => x.unitTypeNo === k);
    return f ? [{ type: k, flag: f.flag, n: flags.filter((x) => x.unitTypeNo === k).length }] : [];
  }), [flags]);
  const columns = useMemo((): Column<WatchRow>[] => [
    { key: 'type', header: t('col.type'), value: (r) => t(`unitType.${r.flag.unitTypeNo as TypeNo}`),
      render: (r) => <Chip size="small" label={t(`unitType.${r.flag.unitTypeNo as TypeNo}`)} sx={{ bgcolor: TYPE_COLOUR[r.flag.unitTypeNo as TypeNo], color: '#fff' }} /> },
    { key: 'district', header: t('col.district'), value: (r) => r.flag.districtName,
      render: (r) => <Link component="button" type="button" onClick={(e) => { e.stopPropagation(); go({ page: 'district', id: r.flag.district }); }} title={t('districtLink')}>{r.flag.districtName}</Link> },
    { key: 'unit', header: t('col.unit'), value: (r) => r.flag.unitName, width: 240, wrap: true,
      render: (r) => <Link component="button" type="button" onClick={(e) => { e.stopPropagation(); go({ page: 'units', id: r.flag.unitCode }); }} sx={{ textAlign: 'left' }}
        data-testid="watch-unit-link">{r.flag.unitName}</Link> },
    { key: 'code', header: t('col.code'), value: (r) => r.flag.unitCode, monospace: true },
    { key: 'condition', header: t('col.condition'), value: (r) => r.evidence?.condition ?? '—', wrap: true, width: 220 },
    { key: 'value', header: t('col.value'), value: (r) => (r.evidence ? evidenceNumber(r.evidence.value) : null), align: 'right', text: (r) => (r.evidence ? evidenceValue(r.evidence.value) : '—') },
    { key: 'threshold', header: t('col.threshold'), value: (r) => (r.evidence ? evidenceNumber(r.evidence.threshold) : null), align: 'right', text: (r) => (r.evidence ? evidenceValue(r.evidence.threshold) : '—') },
    { key: 'records', header: t('col.records'), value: (r) => (r.evidence?.records ?? []).join(t('recordSeparator')), wrap: true, grow: true,
      text: (r) => (r.evidence?.records?.length ? r.evidence.records.join(t('recordSeparator')) : t('fromMeasures')),
      render: (r) => <Records records={r.evidence?.records ?? []} /> },
  ], [t, go]);
  return (
    <Paper variant="outlined">
      <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center', px: 2, pt: 1.5, pb: 1, flexWrap: 'wrap', rowGap: 1 }} data-testid="watch-rules">
        {rules.map((r) => (
          <Stack key={r.type} direction="row" spacing={1} sx={{ alignItems: 'center' }} data-testid={`watch-group-${r.type}`}>
            <Chip size="small" label={t(`unitType.${r.type}`)} sx={{ bgcolor: TYPE_COLOUR[r.type], color: '#fff' }} />
            <Typography variant="body2">{r.flag}</Typography>
            <Typography variant="body2" color="text.secondary">{t('groupCount', { n: r.n })}</Typography>
          </Stack>
        ))}
      </Stack>
      <DataTable testId="watch-table" rows={rows} columns={columns} rowId={(r) => `${r.flag.unitCode}/${r.k}`} pageSize={100}
        state={table.state} onStateChange={table.onStateChange} label={t('title')} exportName={t('tableExportName', { year })}
        onRowClick={(r) => go({ page: 'units', id: r.flag.unitCode })} />
    </Paper>
  );
}

/** A value as sorted: numbers as numbers, words as they are. */
function evidenceNumber(v: WatchEvidence['value'] | WatchEvidence['threshold']): number | string | null {
  return v === undefined ? null : v;
}

function Records({ records }: { records: string[] }) {
  const t = useT('watchlist');
  const [open, setOpen] = useState(false);
  if (records.length === 0) return <Typography variant="body2" color="text.secondary">{t('fromMeasures')}</Typography>;
  const shown = open ? records : records.slice(0, RECORDS_SHOWN);
  return (
    <Box data-testid="watch-records">
      {/* the separator the export writes between records ends each line but the last */}
      {shown.map((r, k) => <Typography key={k} variant="body2" sx={{ fontSize: 13 }}>{r}{k < records.length - 1 ? t('recordSeparator') : ''}</Typography>)}
      {records.length > RECORDS_SHOWN && (
        <Button size="small" onClick={() => setOpen(!open)} sx={{ px: 0 }}>{open ? t('collapse') : t('more', { n: records.length - RECORDS_SHOWN })}</Button>
      )}
    </Box>
  );
}
