// A district picker over the districts that have results in the year (from the score sheets).
import { Picker } from './Selectors.js';

export function DistrictPicker({ districts, value, onChange }: { districts: { code: string; name: string }[]; value: string; onChange: (code: string) => void }) {
  return <Picker id="district-select" label="区县" value={value} onChange={onChange} minWidth={200}
    choices={districts.map((d) => ({ value: d.code, label: `${d.name}（${d.code}）` }))} />;
}
