// 指定数据集和表头: when the importer cannot tell what a file is (or misses required columns), the user names the
// dataset and maps each of its columns to one of the file's headers. Each pair is saved in the workspace
// ('import/save-mapping', analytics/import/saved-mappings.ts), so the next file with these headers is recognised
// without asking; the file is then checked again as that dataset.
import { useMemo, useState } from 'react';
import {
  Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, FormControl, InputLabel, Select, Stack, TextField, Typography,
} from '@mui/material';
import type { DatasetName } from '../../analytics/import/datasets.js';
import { errorMessage } from '../hooks/use-api.js';
import { useWorkstation } from '../workstation.js';
import { Picker } from './Selectors.js';
import { useT } from '../i18n/i18n.js';
import { datasetWord } from '../i18n/server-words.js';

const norm = (s: string) => s.replace(/[\s\uff08\uff09()_\-\u00b7]/g, '').toLowerCase();

/** The file's header that names a column (its label or id), if one does. */
function guess(headers: string[], column: { name: string; label: string }): string {
  return headers.find((h) => norm(h) === norm(column.label) || norm(h) === norm(column.name)) ?? '';
}

export function HeaderMappingDialog({ file, headers, initialDataset, onClose, onApplied }: {
  file: string;
  /** The file's header cells ([] when they could not be read in the page: each is then typed). */
  headers: string[];
  initialDataset?: string;
  onClose: () => void;
  onApplied: (dataset: DatasetName) => void;
}) {
  const w = useWorkstation();
  const t = useT('dataImport');
  const [dataset, setDataset] = useState(initialDataset && w.datasets.some((d) => d.name === initialDataset) ? initialDataset : w.datasets[0]?.name ?? '');
  const spec = w.datasets.find((d) => d.name === dataset);
  const [chosen, setChosen] = useState<Record<string, Record<string, string>>>({});
  const mapping = useMemo(() => Object.fromEntries((spec?.columns ?? []).map((c) => [c.name, chosen[dataset]?.[c.name] ?? guess(headers, c)])), [spec, chosen, dataset, headers]);
  const set = (column: string, header: string) => setChosen((m) => ({ ...m, [dataset]: { ...m[dataset], [column]: header } }));
  const missing = (spec?.columns ?? []).filter((c) => c.required && !mapping[c.name]?.trim());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const apply = async () => {
    setBusy(true);
    setError(null);
    try {
      for (const c of spec?.columns ?? []) {
        const header = mapping[c.name]?.trim();
        if (header) await w.client.call('import/save-mapping', { dataset: dataset as DatasetName, header, column: c.name });
      }
      onApplied(dataset as DatasetName);
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
    }
  };
  return (
    <Dialog open onClose={onClose} maxWidth="md" fullWidth data-testid="mapping-dialog">
      <DialogTitle>{t('mapping.title', { file })}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          <Typography variant="body2" color="text.secondary">{t(headers.length ? 'mapping.intro' : 'mapping.introTyped')}</Typography>
          <Picker id="mapping-dataset" label={t('mapping.dataset')} value={dataset} onChange={setDataset} native minWidth={320}
            choices={w.datasets.map((d) => ({ value: d.name, label: datasetWord(d.name, d.label) }))} />
          {spec && (
            <Stack spacing={1.25} data-testid="mapping-columns">
              {spec.columns.map((c) => {
                const label = `${c.label}${c.required ? t('mapping.required') : ''}`;
                const id = `map-${c.name}`;
                return headers.length > 0 ? (
                  <FormControl key={c.name} size="small" sx={{ maxWidth: 520 }}>
                    <InputLabel htmlFor={id} shrink>{label}</InputLabel>
                    <Select native notched id={id} label={label} value={mapping[c.name] ?? ''} onChange={(e) => set(c.name, e.target.value)}
                      inputProps={{ id, 'data-testid': id, 'aria-label': label }}>
                      <option value="">{t('mapping.none')}</option>
                      {headers.map((h) => <option key={h} value={h}>{h}</option>)}
                    </Select>
                  </FormControl>
                ) : (
                  <TextField key={c.name} size="small" sx={{ maxWidth: 520 }} label={label} value={mapping[c.name] ?? ''} onChange={(e) => set(c.name, e.target.value)}
                    slotProps={{ htmlInput: { 'data-testid': id } }} />
                );
              })}
            </Stack>
          )}
          {missing.length > 0 && <Typography variant="body2" color="text.secondary" data-testid="mapping-missing">{t('mapping.missing', { columns: missing.map((c) => c.label).join(t('detected.unusedSeparator')) })}</Typography>}
          {error && <Alert severity="error">{error}</Alert>}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('mapping.cancel')}</Button>
        <Button variant="contained" disabled={busy || !spec || missing.length > 0} onClick={() => void apply()} data-testid="mapping-apply">{t('mapping.apply')}</Button>
      </DialogActions>
    </Dialog>
  );
}
