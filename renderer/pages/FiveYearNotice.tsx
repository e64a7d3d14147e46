// 指标总览 in the 五年评估 cycle: in an evaluation year (…2020, 2025…) the year's annual tracking is folded into
// the five-year evaluation, so the page says so at the top — with the window and a way to the evaluation — rather
// than presenting the annual figures as the result (they stay below, for reference).
import { Alert, Button } from '@mui/material';
import { ApiCallError } from '../../service/contract.js';
import { useApi } from '../hooks/use-api.js';
import { useWorkstation } from '../workstation.js';
import { useT } from '../i18n/i18n.js';
import { windowYears } from './FiveYearPage.js';
import { formatTime } from '../components/format.js';

interface Standing {
  /** Whether the year ends a five-year window (the server's word: the evaluation's foldsAnnual, else workspace/status). */
  evaluationYear: boolean;
  /** The latest evaluation of the year, if one was computed. */
  evaluation: { fromYear: number; toYear: number; baselineYear: number; computedAt: string } | null;
}

export function FiveYearNotice({ year }: { year: number }) {
  const w = useWorkstation();
  const t = useT('overview');
  const loaded = useApi(`overview-five-year/${year}/${w.revision}`, async (): Promise<Standing> => {
    try {
      // The city's items only: the notice needs the window, not every unit's series.
      const ev = await w.client.call('evaluation/five-year', { year, entity: 'city' });
      return { evaluationYear: ev.foldsAnnual, evaluation: ev };
    } catch (e) {
      if (!(e instanceof ApiCallError) || e.error.code !== 'NOT_EVALUATED') throw e;
      const status = await w.client.call('workspace/status', {});
      return { evaluationYear: status.years.find((y) => y.year === year)?.evaluationYear ?? false, evaluation: null };
    }
  });
  if (loaded.state === 'error') return <Alert severity="error">{loaded.message}</Alert>;
  if (loaded.state !== 'done') return null;
  const { evaluationYear, evaluation } = loaded.data;
  if (!evaluationYear) return <Alert severity="info" data-testid="five-year-notice">{t('fiveYear.notEvaluationYear', { year })}</Alert>;
  const span = windowYears(year); // baseline year, then the five years ending in `year`
  const open = () => w.go({ page: 'five-year', id: String(year) });
  const action = (
    <Button color="inherit" variant="outlined" size="small" onClick={open} data-testid="five-year-notice-open" sx={{ whiteSpace: 'nowrap' }}>
      {evaluation ? t('fiveYear.open') : t('fiveYear.run')}
    </Button>
  );
  return (
    <Alert severity={evaluation ? 'info' : 'warning'} action={action} data-testid="five-year-notice">
      {evaluation
        ? t('fiveYear.folded', { year, from: evaluation.fromYear, to: evaluation.toYear, baseline: evaluation.baselineYear,
          computedAt: formatTime(evaluation.computedAt) })
        : t('fiveYear.notEvaluated', { year, from: span[1]!, to: year, baseline: span[0]! })}
    </Alert>
  );
}
