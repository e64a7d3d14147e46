// Where to start, on the landing page of an empty or not yet computed workspace: open or create a workspace →
// import data (or open the sample workspace) → compute → read the results, each step with its state (done, to do
// now, later) from the workspace's own info, and the action of the step to do now.
import { Box, Button, Paper, Step, StepContent, StepLabel, Stepper, Typography } from '@mui/material';
import { useWorkstation } from '../workstation.js';
import { ComputeButton } from './ComputeButton.js';
import { formatCount } from './format.js';
import { useT } from '../i18n/i18n.js';

const STEPS = ['workspace', 'import', 'compute', 'results'] as const;
type StepKey = (typeof STEPS)[number];

export function StartSteps() {
  const w = useWorkstation();
  const t = useT('common');
  const done: Record<StepKey, boolean> = {
    workspace: true,
    import: w.info.years.length > 0,
    compute: w.info.computedYears.length > 0,
    results: false,
  };
  const active = STEPS.findIndex((s) => !done[s]);
  const name = w.info.path.split(/[\\/]/).pop() ?? w.info.path;
  const detail: Record<StepKey, string> = {
    workspace: t('start.workspaceDone', { name }),
    import: done.import ? t('start.importDone', { batches: formatCount(w.info.batches), years: w.info.years.join(t('start.yearSeparator')) }) : t('start.importNext'),
    compute: done.compute ? t('start.computeDone', { years: w.info.computedYears.join(t('start.yearSeparator')) }) : t('start.computeNext'),
    results: t('start.resultsNext'),
  };
  return (
    <Paper variant="outlined" sx={{ p: 2.5 }} data-testid="start-steps">
      <Typography variant="h6" component="h2" sx={{ mb: 0.5 }}>{t('start.title')}</Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>{t('start.intro')}</Typography>
      <Stepper activeStep={active} orientation="vertical">
        {STEPS.map((s, k) => (
          <Step key={s} completed={done[s]} expanded data-testid={`start-step-${s}`} data-state={done[s] ? 'done' : k === active ? 'current' : 'todo'}>
            <StepLabel optional={<Typography variant="caption" color="text.secondary">{detail[s]}</Typography>}>{t(`start.step.${s}`)}</StepLabel>
            <StepContent>
              {k === active && s === 'import' && (
                <Box sx={{ display: 'flex', gap: 1, mt: 1 }}>
                  <Button variant="contained" onClick={() => w.go({ page: 'import' })} data-testid="start-import">{t('start.importAction')}</Button>
                </Box>
              )}
              {k === active && s === 'compute' && w.year !== undefined && <Box sx={{ mt: 1 }}><ComputeButton year={w.year} /></Box>}
              {k === active && s === 'results' && (
                <Box sx={{ display: 'flex', gap: 1, mt: 1 }}>
                  <Button variant="contained" onClick={() => w.go({ page: 'scores' })}>{t('start.scoresAction')}</Button>
                  <Button onClick={() => w.go({ page: 'reports' })}>{t('start.reportsAction')}</Button>
                </Box>
              )}
            </StepContent>
          </Step>
        ))}
      </Stepper>
    </Paper>
  );
}
