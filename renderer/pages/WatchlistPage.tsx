// 预警清单: the units of the year that meet their type's watch-list rule, grouped by unit type, each with every
// condition it met — the value, the threshold and the records behind it. One 'watchlist/get' answer per year;
// the district and type filters work on it in the page. 导出 writes what is shown as .xlsx ('watchlist/export')
// into the report folder and downloads it (browser mode) or names the file (desktop).
import { useMemo, useState } from 'react';
import {
  Alert, Box, Button, Chip, Link, Paper, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography,
} from '@mui/material';
import type { Result } from '../../service/contract.js';
import { errorMessage, useApi } from '../hooks/use-api.js';
import { isComputed, useWorkstation } from '../workstation.js';
import { downloadReport } from '../api/files.js';
import { Empty, Show } from '../components/Feedback.js';
import { PageHeader } from '../components/PageHeader.js';
import { Picker } from '../components/Selectors.js';
import { number } from '../components/LineageDialog.js';

type WatchFlag = Result<'watchlist/get'>['flags'][number];
type WatchEvidence = WatchFlag['evidence'][number];

export const UNIT_TYPES = ['优先保护', '重点管控', '一般管控'] as const;
const TYPE_COLOUR: Record<string, string> = { 优先保护: '#2e7d32', 重点管控: '#c62828', 一般管控: '#1565c0' };
/** Records listed under a condition before 展开. */
const RECORDS_SHOWN = 3;

export function WatchlistPage() {
  const w = useWorkstation();
  if (!isComputed(w, w.year)) {
    return <Empty title={`${w.year ?? ''}年的指标尚未计算`} next="预警清单取自计算结果中的单元测算和问题、案件、审批记录：先在“指标总览”页计算指标。"
      action={{ label: '去指标总览', onClick: () => w.go({ page: 'overview' }) }} />;
  }
  return <Watchlist year={w.year} />;
}

function Watchlist({ year }: { year: number }) {
  const w = useWorkstation();
  const loaded = useApi(`watchlist/${year}/${w.revision}`, () => w.client.call('watchlist/get', { year }));
  return <Show loaded={loaded} label="正在读取预警清单">{({ flags }) => <Flags year={year} flags={flags} />}</Show>;
}

export function evidenceValue(v: WatchEvidence['value'] | WatchEvidence['threshold']): string {
  return typeof v === 'number' ? number(v) : (v ?? '—');
}

function Flags({ year, flags }: { year: number; flags: WatchFlag[] }) {
  const [district, setDistrict] = useState('all');
  const [type, setType] = useState('all');
  const districts = useMemo(() => [...new Map(flags.map((f) => [f.district, f.districtName])).entries()], [flags]);
  const shown = useMemo(() => flags.filter((f) => (district === 'all' || f.district === district) && (type === 'all' || f.unitType === type)),
    [flags, district, type]);
  if (flags.length === 0) {
    return <Empty title={`${year}年没有进入监管预警清单的管控单元`}
      next="预警取自单元级测算（红线面积、生态质量、PM2.5、断面水质、排放）和问题、案件、环评审批记录；导入这些数据并重新计算后再查看。" />;
  }
  return (
    <Stack spacing={2}>
      <PageHeader title="监管预警清单">
        <Picker id="watch-district-select" label="区县" value={district} onChange={setDistrict} minWidth={180}
          choices={[{ value: 'all', label: '全部区县' }, ...districts.map(([c, n]) => ({ value: c, label: `${n}（${flags.filter((f) => f.district === c).length}）` }))]} />
        <Picker id="watch-type-select" label="单元类别" value={type} onChange={setType} minWidth={170}
          choices={[{ value: 'all', label: '全部类别' }, ...UNIT_TYPES.map((t) => ({ value: t, label: `${t}单元（${flags.filter((f) => f.unitType === t).length}）` }))]} />
        <ExportButton year={year} district={district === 'all' ? undefined : district} unitType={type === 'all' ? undefined : type} disabled={shown.length === 0} />
        <Typography variant="body2" color="text.secondary" sx={{ ml: 'auto' }} data-testid="watch-count">
          {shown.length} / {flags.length} 个单元 · {year}年
        </Typography>
      </PageHeader>
      {shown.length === 0 && <Alert severity="info">所选区县和类别没有预警单元：请选择“全部区县”或其他类别。</Alert>}
      {UNIT_TYPES.map((t) => {
        const group = shown.filter((f) => f.unitType === t);
        return group.length > 0 && <FlagGroup key={t} type={t} flags={group} />;
      })}
    </Stack>
  );
}

function ExportButton({ year, district, unitType, disabled }: { year: number; district?: string; unitType?: string; disabled: boolean }) {
  const w = useWorkstation();
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
      setMessage({ ok: true, text: `已导出 ${written.units} 个单元、${written.rows} 条触发条件：${written.path}` });
    } catch (e) {
      setMessage({ ok: false, text: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack spacing={0.5}>
      <Button variant="outlined" onClick={() => void run()} disabled={busy || disabled} data-testid="watch-export">{busy ? '正在导出…' : '导出 Excel'}</Button>
      {message && <Typography variant="caption" color={message.ok ? 'text.secondary' : 'error'} data-testid="watch-export-message">{message.text}</Typography>}
    </Stack>
  );
}

function FlagGroup({ type, flags }: { type: string; flags: WatchFlag[] }) {
  return (
    <Paper variant="outlined" data-testid={`watch-group-${type}`}>
      <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center', px: 2, pt: 1.5, pb: 1 }}>
        <Chip label={`${type}单元`} sx={{ bgcolor: TYPE_COLOUR[type], color: '#fff' }} />
        <Typography variant="subtitle1" sx={{ fontWeight: 600 }}>{flags[0]!.flag}</Typography>
        <Typography variant="body2" color="text.secondary">{flags.length} 个单元</Typography>
      </Stack>
      <Table size="small" data-testid="watch-table">
        <TableHead>
          <TableRow>
            <TableCell sx={{ width: 110 }}>区县</TableCell><TableCell sx={{ width: 260 }}>管控单元</TableCell><TableCell>触发条件</TableCell>
            <TableCell align="right" sx={{ width: 120 }}>值</TableCell><TableCell align="right" sx={{ width: 140 }}>阈值</TableCell><TableCell>相关记录</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {flags.map((f) => <FlagRows key={f.unitCode} flag={f} />)}
        </TableBody>
      </Table>
    </Paper>
  );
}

/** One unit: its cells span the rows of its conditions. */
function FlagRows({ flag }: { flag: WatchFlag }) {
  const w = useWorkstation();
  const span = Math.max(1, flag.evidence.length);
  const unitCells = (
    <>
      <TableCell rowSpan={span} sx={{ verticalAlign: 'top' }}>
        <Link component="button" type="button" onClick={() => w.go({ page: 'district', id: flag.district })} title="区县详情">{flag.districtName}</Link>
      </TableCell>
      <TableCell rowSpan={span} sx={{ verticalAlign: 'top' }}>
        <Link component="button" type="button" onClick={() => w.go({ page: 'units', id: flag.unitCode })} sx={{ textAlign: 'left' }}
          data-testid="watch-unit-link">{flag.unitName}</Link>
        <Typography variant="caption" color="text.secondary" sx={{ display: 'block', fontFamily: 'monospace' }}>{flag.unitCode}</Typography>
      </TableCell>
    </>
  );
  if (flag.evidence.length === 0) return <TableRow data-unit={flag.unitCode}>{unitCells}<TableCell colSpan={4}>—</TableCell></TableRow>;
  return (
    <>
      {flag.evidence.map((e, k) => (
        <TableRow key={k} data-unit={flag.unitCode} data-condition={e.condition}>
          {k === 0 && unitCells}
          <TableCell>{e.condition}</TableCell>
          <TableCell align="right" sx={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>{evidenceValue(e.value)}</TableCell>
          <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>{evidenceValue(e.threshold)}</TableCell>
          <TableCell><Records records={e.records ?? []} /></TableCell>
        </TableRow>
      ))}
    </>
  );
}

function Records({ records }: { records: string[] }) {
  const [open, setOpen] = useState(false);
  if (records.length === 0) return <Typography variant="body2" color="text.secondary">（取自单元测算，见单元页）</Typography>;
  const shown = open ? records : records.slice(0, RECORDS_SHOWN);
  return (
    <Box data-testid="watch-records">
      {shown.map((r, k) => <Typography key={k} variant="body2" sx={{ fontSize: 13 }}>{r}</Typography>)}
      {records.length > RECORDS_SHOWN && (
        <Button size="small" onClick={() => setOpen(!open)} sx={{ px: 0 }}>{open ? '收起' : `另有 ${records.length - RECORDS_SHOWN} 条，展开`}</Button>
      )}
    </Box>
  );
}
