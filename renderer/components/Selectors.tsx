// The year and indicator pickers of the toolbar.
import { FormControl, InputLabel, MenuItem, Select } from '@mui/material';

export interface Choice<T extends string | number> {
  value: T;
  label: string;
}

export function Picker<T extends string | number>(props: {
  id: string;
  label: string;
  value: T;
  choices: Choice<T>[];
  onChange: (value: T) => void;
  minWidth?: number;
  /** The browser's own <select>: a long list opens and closes without rendering a menu item per choice. */
  native?: boolean;
}) {
  const { id, label, value, choices, onChange, minWidth = 120, native = false } = props;
  if (native) {
    return (
      <FormControl size="small" sx={{ minWidth }}>
        <InputLabel htmlFor={id} shrink>{label}</InputLabel>
        <Select native id={id} label={label} value={String(value)} inputProps={{ id, 'data-testid': id }} notched
          onChange={(e) => {
            const picked = choices.find((c) => String(c.value) === e.target.value);
            if (picked) onChange(picked.value);
          }}>
          {choices.map((c) => <option key={String(c.value)} value={String(c.value)}>{c.label}</option>)}
        </Select>
      </FormControl>
    );
  }
  return (
    <FormControl size="small" sx={{ minWidth }}>
      <InputLabel id={`${id}-label`}>{label}</InputLabel>
      <Select
        labelId={`${id}-label`}
        id={id}
        data-testid={id}
        label={label}
        value={String(value)}
        onChange={(e) => {
          const picked = choices.find((c) => String(c.value) === e.target.value);
          if (picked) onChange(picked.value);
        }}
      >
        {choices.map((c) => (
          <MenuItem key={String(c.value)} value={String(c.value)} data-value={String(c.value)}>{c.label}</MenuItem>
        ))}
      </Select>
    </FormControl>
  );
}
