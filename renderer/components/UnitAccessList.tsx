// A unit's access list in force in the year ('access/unit-list'), by level and dimension: shown on unit detail.
import { Paper, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useApi } from '../hooks/use-api.js';
import { useWorkstation } from '../workstation.js';
import { Show } from './Feedback.js';
import { useT } from '../i18n/i18n.js';

export function UnitAccessList({ code, year }: { code: string; year: number }) {
  const w = useWorkstation();
  const t = useT('access');
  const loaded = useApi(`access-list/${code}/${year}/${w.revision}`, () => w.client.call('access/unit-list', { unit: code, year }));
  return (
    <Paper variant="outlined" sx={{ p: 2 }} data-testid="unit-access-list">
      <Typography variant="subtitle1" sx={{ mb: 1 }}>{t('unitList.title', { year })}</Typography>
      <Show loaded={loaded} label={t('unitList.title', { year })}>{(l) => (l.requirements.length === 0
        ? <Typography variant="body2" color="text.secondary">{t('unitList.empty')}</Typography>
        : (
          <Table size="small">
            <TableHead>
              <TableRow>
                {(['level', 'scope', 'dimension', 'text'] as const).map((k) => <TableCell key={k}>{t(`col.${k}`)}</TableCell>)}
              </TableRow>
            </TableHead>
            <TableBody>
              {l.requirements.map((q) => (
                <TableRow key={`${q.reqId}|${q.planVersion}`}>
                  <TableCell>{q.level}</TableCell><TableCell>{q.scopeName}</TableCell><TableCell>{q.dimension}</TableCell>
                  <TableCell>{q.text}{q.condition && <Typography variant="caption" color="text.secondary" component="div">{q.condition}</Typography>}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        ))}</Show>
    </Paper>
  );
}
