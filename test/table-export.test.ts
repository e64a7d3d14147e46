// The data table's helpers: natural order of ids, and a .csv that Excel opens in Chinese and never runs.
import { describe, expect, it } from 'vitest';
import { csvText, naturalCompare, neutralise } from '../renderer/components/table-export.js';

describe('table export helpers', () => {
  it('sorts ids naturally (C2 before C10), missing values last', () => {
    expect(['C10', 'C2', '—', 'C1', 'C15', 'A3'].sort(naturalCompare)).toEqual(['A3', 'C1', 'C2', 'C10', 'C15', '—']);
    expect(['ZH50010320010', 'ZH50010320002', 'ZH5001032001'].sort(naturalCompare)).toEqual(['ZH5001032001', 'ZH50010320002', 'ZH50010320010']);
  });

  it('writes UTF-8 with a BOM, quotes what needs it, and neutralises formulas but not numbers', () => {
    const text = csvText(['编号', '名称', '数值'], [['C1', '=HYPERLINK("x")', '-3.5'], ['C2', '@SUM(A1)', '1,234'], ['C3', '+1 备注', '-']]);
    expect(text.startsWith('\ufeff编号,名称,数值\r\n')).toBe(true);
    expect(text).toContain(`C1,"'=HYPERLINK(""x"")",-3.5\r\n`);
    expect(text).toContain(`C2,'@SUM(A1),"1,234"\r\n`);
    expect(text).toContain(`C3,'+1 备注,'-\r\n`);
    expect(neutralise('-12')).toBe('-12');
    expect(neutralise('-12abc')).toBe("'-12abc");
  });
});
