// A district picker over the districts that have results in the year (from the score sheets).
import { Picker } from './Selectors.js';
import { useT } from '../i18n/i18n.js';

export function DistrictPicker({ districts, value, onChange }: { districts: { code: string; name: string }[]; value: string; onChange: (code: string) => void }) {
  const t = useT('common');
  return <Picker id="district-select" label={t('level.district')} value={value} onChange={onChange} minWidth={200}
    choices={districts.map((d) => ({ value: d.code, label: t('nameWithCode', { name: d.name, code: d.code }) }))} />;
}
