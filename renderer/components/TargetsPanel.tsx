// 设置 → 目标值 (read-only): each indicator's default target and scoring rule from the catalogue in force, and
// the 目标责任书 targets imported for the year, which replace the default for their entity.
import { Alert, Paper, Stack, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import { useApi } from '../hooks/use-api.js';
import { useKept } from '../hooks/use-kept.js';
import { useWorkstation } from '../workstation.js';
import { Show } from './Feedback.js';

export function TargetsPanel() {
  const w = useWorkstation();
  const year = w.year;
  const table = useKept(useApi(`targets/${year ?? ''}/${w.revision}`, () => (year === undefined ? null : w.client.call('targets/list', { year }))));
  return (
    <Paper variant="outlined" sx={{ p: 2 }} data-testid="targets-panel">
      <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600, mb: 1 }}>目标值{year !== undefined ? `（${year}年）` : ''}</Typography>
      {year === undefined
        ? <Typography color="text.secondary">工作空间中还没有数据。导入数据后，这里列出各指标的目标值。</Typography>
        : (
          <Show loaded={table} label="正在读取目标值">{(t) => (
            <Stack spacing={2}>
              <Typography variant="body2" color="text.secondary">
                默认目标来自生效指标体系（{t.catalogue.id} {t.catalogue.version}）；导入的“目标责任书目标值”按主体替换默认目标。
                修改目标：载入细化层（改默认目标），或在“数据导入”页导入目标责任书文件。
              </Typography>
              <TableContainer sx={{ maxHeight: 480 }}>
                <Table size="small" stickyHeader data-testid="targets-table">
                  <TableHead><TableRow sx={{ '& th': { whiteSpace: 'nowrap' } }}><TableCell>编号</TableCell><TableCell>指标</TableCell><TableCell>单位</TableCell><TableCell>方向</TableCell>
                    <TableCell>默认目标</TableCell><TableCell>计分方法</TableCell><TableCell align="right">分值</TableCell><TableCell align="right">责任书目标</TableCell></TableRow></TableHead>
                  <TableBody>
                    {t.indicators.map((i) => (
                      <TableRow key={i.indicator} hover sx={{ '& td:nth-of-type(1), & td:nth-of-type(3), & td:nth-of-type(4), & td:nth-of-type(7), & td:nth-of-type(8)': { whiteSpace: 'nowrap' } }}>
                        <TableCell>{i.indicator}</TableCell><TableCell>{i.name}</TableCell><TableCell>{i.unit}</TableCell>
                        <TableCell>{i.direction === 'lower_better' ? '越低越好' : '越高越好'}</TableCell>
                        <TableCell>{i.target}</TableCell><TableCell>{i.rule}</TableCell><TableCell align="right">{i.points}</TableCell>
                        <TableCell align="right">{i.overrides > 0 ? `${i.overrides} 个主体` : '—'}</TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </TableContainer>
              <Typography sx={{ fontWeight: 600 }}>已导入的目标责任书目标值</Typography>
              {t.imported.length === 0
                ? <Typography color="text.secondary" data-testid="no-imported-targets">{year}年没有导入目标责任书目标值，各主体按上表的默认目标评价。如有，请在“数据导入”页导入（数据集：目标责任书目标值）。</Typography>
                : (
                  <>
                    {t.imported.some((r) => r.unknownIndicator) && <Alert severity="warning">部分目标的指标编号不在生效指标体系中，不会被使用（已标出）。</Alert>}
                    <TableContainer sx={{ maxHeight: 360 }}>
                      <Table size="small" stickyHeader data-testid="imported-targets-table">
                        <TableHead><TableRow><TableCell>主体</TableCell><TableCell>指标</TableCell><TableCell align="right">目标值</TableCell><TableCell>来源（批次 · 文件 · 行）</TableCell></TableRow></TableHead>
                        <TableBody>
                          {t.imported.map((r) => (
                            <TableRow key={`${r.entity}/${r.indicator}`} hover>
                              <TableCell>{r.entityName}（{r.entity}）</TableCell>
                              <TableCell>{r.indicator}{r.unknownIndicator ? '（指标体系中没有此编号）' : ''}</TableCell>
                              <TableCell align="right">{r.target}</TableCell>
                              <TableCell>批次 {r.batch} · {r.file} · 第 {r.row} 行</TableCell>
                            </TableRow>
                          ))}
                        </TableBody>
                      </Table>
                    </TableContainer>
                  </>
                )}
            </Stack>
          )}</Show>
        )}
    </Paper>
  );
}
