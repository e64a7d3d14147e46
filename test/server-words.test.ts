// The service's enumerated words reach the English UI in English: statuses, grades, trends, unit types, batch
// states and dataset names through the codes of renderer/i18n/zh/words.ts; the Chinese dataset words are the data
// dictionary's own labels (one home: analytics/import/datasets.ts).
import { describe, expect, it } from 'vitest';
import i18next from 'i18next';
import { resources } from '../renderer/i18n/resources.js';
import { datasetWord, serverWord } from '../renderer/i18n/server-words.js';
import { words } from '../renderer/i18n/zh/words.js';
import { datasetLabels } from '../service/queries/datasets-list.js';

const CJK = /[\u3400-\u9fff]/;

describe('server words in the UI language', () => {
  it('names every dataset as the data dictionary does', () => {
    expect(Object.fromEntries(datasetLabels().map((d) => [d.name, d.label]))).toEqual(words.dataset);
  });
  it('gives Chinese as sent, and English for the enumerations', async () => {
    await i18next.init({ resources, lng: 'zh', fallbackLng: 'zh', ns: Object.keys(resources.zh), interpolation: { escapeValue: false } });
    expect(serverWord('未达标')).toBe('未达标');
    await i18next.changeLanguage('en');
    const sent = ['达标', '未达标', '不适用', '数据缺失', '数据不足', '已自评', '优秀', '良好', '合格', '不合格', '无显著变化趋势', '显著下降（改善）',
      '数据不足（有效年份少于4个）', '重点管控单元', '已被批次12替换', '已移除（重复导入）'];
    const shown = sent.map(serverWord);
    expect(shown.slice(0, 3)).toEqual(['Met', 'Not met', 'Not applicable']);
    expect(shown[10]).toBe('No significant trend');
    expect(shown[13]).toBe('Key control unit');
    expect(shown[14]).toBe('Replaced by batch 12');
    expect(shown[15]).toBe('Removed (重复导入)'); // the reason is the user's free text
    expect(shown.slice(0, 15).filter((s) => CJK.test(s))).toEqual([]);
    expect(datasetWord('air_hourly', '环境空气小时数据')).toBe('Hourly air quality');
    expect(serverWord('按实际值与目标值之比计分')).toBe('按实际值与目标值之比计分'); // free text stays as sent
  });
});
