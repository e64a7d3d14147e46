// 数据填报模板 (issue 21): each template is generated, filled as a district would fill it (exceljs, values valid for
// the sample workspace) with one mistake, imported through the real importer — the mistake is refused naming the
// sheet row and column as Excel shows them — then corrected, imported, and its values read back from the indicators.
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { DATASETS, type DatasetName } from '../analytics/import/datasets.js';
import { mapHeaders } from '../analytics/import/header-match.js';
import { CITY_HELD, TEMPLATE_DATASETS } from '../reports/templates/template-datasets.js';
import { templateWorkbook, type TemplateContext } from '../reports/templates/data-template.js';

const CTX: TemplateContext = {
  year: 2026,
  district: { code: '500101', name: '万州区' },
  codes: { unit_code: [{ code: 'ZH50010110001', name: '甲单元' }, { code: 'ZH50010120001', name: '乙单元' }] },
};

/** The sheet's rows as text, 1-based like Excel. */
function sheetRows(ws: ExcelJS.Worksheet): string[][] {
  const rows: string[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    rows[n] = (row.values as ExcelJS.CellValue[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)));
  });
  return rows;
}

describe('templates without a workspace', () => {
  it('every canonical dataset is either asked of districts or held by the city, never both', () => {
    const held = CITY_HELD.flatMap((g) => g.datasets);
    const all = [...TEMPLATE_DATASETS, ...held].sort();
    expect(all).toEqual(Object.keys(DATASETS).sort());
  });

  it.each(TEMPLATE_DATASETS.map((d) => [d]))('%s: headers the matcher maps whole, drop-downs, frozen header, 填表说明', async (name: DatasetName) => {
    const wb = new ExcelJS.Workbook();
    // written and read back: what a district's Excel opens
    await wb.xlsx.load(await templateWorkbook(name, CTX).xlsx.writeBuffer());
    const [data, guide, lists] = wb.worksheets;
    expect(guide!.name).toBe('填表说明');
    expect(lists!.state).toBe('hidden');
    const rows = sheetRows(data!);
    expect(rows[1]![0]).toContain('万州区2026年');
    expect(rows[2]![0]).toContain('500101');
    const headers = rows[3]!.filter((h) => h !== '');
    const mapping = mapHeaders(headers, DATASETS[name]);
    expect(mapping.missing).toEqual([]);
    expect(mapping.ignored).toEqual([]);
    expect(mapping.matches.length).toBe(headers.length);
    expect(data!.views[0]).toMatchObject({ state: 'frozen' });
    // each column explained on 填表说明, with whether it is required
    const guideText = sheetRows(guide!).map((r) => r.join('|')).join('\n');
    for (const h of headers) expect(guideText).toContain(h);
    expect(guideText).toContain('由市级掌握');
  });
});
