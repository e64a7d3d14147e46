// 评分: a district's score sheet — every item with its rule, points and status; a manual self-score, evidence or
// 不适用 marking goes through 'scores/set-manual', and the server's own message is shown if it refuses.
import { useState } from 'react';
import {
  Alert, Button, Chip, Dialog, DialogActions, DialogContent, DialogTitle, Paper, Stack, Table, TableBody, TableCell,
  TableContainer, TableHead, TableRow, TextField, Typography,
} from '@mui/material';
import type { ScoreSheet } from '../../indicators/results.js';
import { formatPoints, formatValue } from '../../indicators/value-format.js';
import { errorMessage, useApi } from '../hooks/use-api.js';
import { isComputed, useWorkstation } from '../workstation.js';
import { Empty, Show } from '../components/Feedback.js';
import { PageHeader } from '../components/PageHeader.js';
import { DistrictPicker } from '../components/DistrictPicker.js';
import { statusColour } from '../components/colours.js';

type Item = ScoreSheet['items'][number];

export function ScoresPage({ id }: { id?: string }) {
  const w = useWorkstation();
  if (!isComputed(w, w.year)) return <Empty title={`${w.year ?? ''}年尚未评分`} next="评分来自计算结果：先在“指标总览”页计算指标。" action={{ label: '去指标总览', onClick: () => w.go({ page: 'overview' }) }} />;
  return <Sheets year={w.year} id={id} />;
}

function Sheets({ year, id }: { year: number; id?: string }) {
  const w = useWorkstation();
  const [edits, setEdits] = useState(0);
  const all = useApi(`scores/${year}/${w.revision}/${edits}`, () => w.client.call('scores/get', { year }));
  return (
    <Show loaded={all} label="正在读取评分表">{({ sheets }) => {
      if (sheets.length === 0) return <Empty title="没有区县的评分" next="请导入数据后重新计算指标。" />;
      const sheet = sheets.find((s) => s.entity === id) ?? sheets[0]!;
      return (
        <Stack spacing={2}>
          <PageHeader title="评分表">
            <DistrictPicker districts={sheets.map((s) => ({ code: s.entity, name: s.name }))} value={sheet.entity} onChange={(code) => w.go({ page: 'scores', id: code })} />
            <Typography variant="body1" sx={{ ml: 'auto' }} data-testid="score-total">
              得分 {formatPoints(sheet.earned)} / {formatPoints(sheet.applicableMax)}，折算 <b>{sheet.total.toFixed(1)}</b> 分，等级 <b>{sheet.grade}</b>
            </Typography>
          </PageHeader>
          {sheet.partial && <Alert severity="info">评分表只含已接入计算的指标；不适用的指标不计入满分，总分按 100 分折算。指标体系 {sheet.catalogue.id} v{sheet.catalogue.version}。</Alert>}
          <SheetTable sheet={sheet} onSaved={() => setEdits((e) => e + 1)} />
        </Stack>
      );
    }}</Show>
  );
}

function SheetTable({ sheet, onSaved }: { sheet: ScoreSheet; onSaved: () => void }) {
  const [editing, setEditing] = useState<Item | null>(null);
  let dimension = '';
  return (
    <Paper variant="outlined">
      <TableContainer>
        <Table size="small" data-testid="score-sheet">
          <TableHead>
            <TableRow><TableCell>指标</TableCell><TableCell align="right">数值</TableCell><TableCell align="right">目标</TableCell><TableCell>评分规则</TableCell>
              <TableCell>完成情况</TableCell><TableCell align="right">得分 / 分值</TableCell><TableCell /></TableRow>
          </TableHead>
          <TableBody>
            {sheet.items.flatMap((i) => {
              const rows = [];
              if (i.dimension !== dimension) {
                dimension = i.dimension;
                rows.push(<TableRow key={`d-${i.dimension}`}><TableCell colSpan={7} sx={{ bgcolor: 'action.hover', fontWeight: 600 }}>{i.dimension}</TableCell></TableRow>);
              }
              rows.push(
                <TableRow key={i.indicator} data-indicator={i.indicator}>
                  <TableCell>{i.indicator} {i.name}</TableCell>
                  <TableCell align="right">{formatValue(i.value, i.decimals)}</TableCell>
                  <TableCell align="right">{formatValue(i.target, i.decimals)}</TableCell>
                  <TableCell sx={{ color: 'text.secondary', maxWidth: 320 }}>{i.ruleText}</TableCell>
                  <TableCell><Chip size="small" label={i.status} sx={{ bgcolor: statusColour(i.status), color: '#fff' }} /></TableCell>
                  <TableCell align="right">{formatPoints(i.points)} / {formatPoints(i.maxPoints)}</TableCell>
                  <TableCell><Button size="small" onClick={() => setEditing(i)}>自评 / 不适用</Button></TableCell>
                </TableRow>,
              );
              return rows;
            })}
          </TableBody>
        </Table>
      </TableContainer>
      {editing && <ManualDialog sheet={sheet} item={editing} onClose={(saved) => { setEditing(null); if (saved) onSaved(); }} />}
    </Paper>
  );
}

function ManualDialog({ sheet, item, onClose }: { sheet: ScoreSheet; item: Item; onClose: (saved: boolean) => void }) {
  const w = useWorkstation();
  const [selfScore, setSelfScore] = useState('');
  const [evidence, setEvidence] = useState('');
  const [reason, setReason] = useState(item.status === '不适用' ? item.explanation : '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const score = selfScore.trim() === '' ? null : Number(selfScore);
  const badScore = score !== null && (!Number.isFinite(score) || score < 0 || (item.maxPoints !== null && score > item.maxPoints));
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      await w.client.call('scores/set-manual', {
        year: sheet.year, entity: sheet.entity, indicator: item.indicator, selfScore: score,
        ...(evidence.trim() ? { evidence: evidence.trim() } : {}),
        notApplicableReason: reason.trim() === '' ? null : reason.trim(),
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
        <Typography variant="body2" color="text.secondary">评分规则：{item.ruleText}；计算得分 {formatPoints(item.points)} / {formatPoints(item.maxPoints)}。</Typography>
        <TextField fullWidth margin="normal" label={`自评得分（0–${formatPoints(item.maxPoints)}，留空表示采用计算得分）`} value={selfScore}
          onChange={(e) => setSelfScore(e.target.value)} error={badScore} helperText={badScore ? '得分应在 0 与分值之间' : ' '} />
        <TextField fullWidth margin="normal" label="佐证材料说明" value={evidence} onChange={(e) => setEvidence(e.target.value)} multiline minRows={2} />
        <TextField fullWidth margin="normal" label="不适用原因（填写即标记为不适用，报告中会列出）" value={reason} onChange={(e) => setReason(e.target.value)} multiline minRows={2} />
        {error && <Alert severity="error" data-testid="manual-error">{error}</Alert>}
      </DialogContent>
      <DialogActions>
        <Button onClick={() => onClose(false)}>取消</Button>
        <Button variant="contained" disabled={busy || badScore} onClick={() => void save()}>保存</Button>
      </DialogActions>
    </Dialog>
  );
}
