// 一张图 in a real browser over a real sample workspace: the map draws every unit in force; coloured by a measure,
// the hover of three named units shows the computation's value; a click opens the unit; the watch-list map shows
// exactly the flagged units in red. Screenshots go to tmp/screenshots/.
import { describe, expect, it } from 'vitest';
import * as turf from '@turf/turf';
import type { Page } from 'playwright-core';
import { directApi, screenshot, serveSample, type PageServer } from './helpers/browser.js';
import type { Service } from '../service/zonetrack-service.js';
import { formatValue } from '../indicators/value-format.js';

const YEAR = 2025;
let service: Service;
let pages: PageServer;
const api = directApi(() => service);
serveSample({ sample: { years: [2024, YEAR], districts: ['500101', '500103'] }, timeoutMs: 600_000 }, (s) => ({ service, pages } = s));

type Hooks = { pixelOf(lon: number, lat: number): number[]; colours(): Record<string, string>; sectionColours(): Record<string, string> };
const colours = (page: Page, testId: string) =>
  page.getByTestId(testId).evaluate((el) => (el as unknown as { zonetrackMap: Hooks }).zonetrackMap.colours());

/** The page pixel of a point inside the unit (as drawn at zoom 0). */
async function pointOf(page: Page, testId: string, code: string): Promise<{ x: number; y: number }> {
  const layers = await api('map/layers', { year: YEAR, zoom: 0 });
  const f = layers.units.features.find((u) => u.properties.code === code)!;
  const [lon, lat] = turf.pointOnFeature(f as never).geometry.coordinates as [number, number];
  const box = (await page.getByTestId(testId).boundingBox())!;
  const [x, y] = await page.getByTestId(testId).evaluate((el, p) => (el as unknown as { zonetrackMap: Hooks }).zonetrackMap.pixelOf(p[0]!, p[1]!), [lon, lat]);
  return { x: box.x + x!, y: box.y + y! };
}

describe('一张图 in the browser', () => {
  it('draws the units, shows a measure\'s values on hover and opens a unit on click', async () => {
    const layers = await api('map/layers', { year: YEAR });
    // tall enough that the whole map is in the viewport (the pointer moves there)
    const { page, problems } = await pages.open('#/map', { width: 1366, height: 1100 });
    await page.getByTestId('unit-map').locator('canvas').first().waitFor();
    expect(Object.keys(await colours(page, 'unit-map')).sort()).toEqual(layers.units.features.map((f) => f.properties.code).sort());
    expect(layers.units.features.length).toBeGreaterThan(30);
    await screenshot(page, 'map-types');

    const measure = 'air.pm25_annual_mean';
    const { values } = await api('map/values', { year: YEAR, level: 'unit', measure });
    await page.getByTestId('map-colour-select').selectOption(`m:${measure}`);
    await page.getByTestId('map-legend').getByText('–').first().waitFor();
    // three units with a value, the largest (a pointer lands well inside them)
    const area = (code: string) => turf.area(layers.units.features.find((f) => f.properties.code === code)! as never);
    const named = Object.entries(values).filter(([, v]) => v !== null).sort(([a], [b]) => area(b) - area(a)).slice(0, 3);
    expect(named).toHaveLength(3);
    for (const [code, value] of named) {
      const at = await pointOf(page, 'unit-map', code);
      await page.mouse.move(at.x - 3, at.y - 3);
      await page.mouse.move(at.x, at.y, { steps: 3 });
      const tip = page.locator('.zt-map-tip');
      await expect.poll(() => tip.innerText()).toContain(code);
      expect(await tip.innerText()).toContain(formatValue(value, 2));
    }
    await screenshot(page, 'map-pm25');
    const [code] = named[0]!;
    const at = await pointOf(page, 'unit-map', code);
    await page.mouse.click(at.x, at.y);
    await expect.poll(() => new URL(page.url()).hash).toBe(`#/units/${code}`);
    await page.getByTestId('unit-neighbours-map').locator('canvas').first().waitFor();
    expect(Object.keys(await colours(page, 'unit-neighbours-map'))).toContain(code);
    expect(problems).toEqual([]);
  });

  it('the watch-list map shows exactly the flagged units', async () => {
    const { flags } = await api('watchlist/get', { year: YEAR });
    const flagged = [...new Set(flags.map((f) => f.unitCode))].sort();
    expect(flagged.length).toBeGreaterThan(1);
    const { page, problems } = await pages.open('#/watchlist', { width: 1366, height: 768 });
    await page.getByTestId('watch-map').locator('canvas').first().waitFor();
    const drawn = await colours(page, 'watch-map');
    const red = Object.entries(drawn).filter(([, c]) => c === '#C62828').map(([k]) => k).sort();
    expect(red).toEqual(flagged);
    expect(Object.keys(drawn).length).toBeGreaterThan(red.length);
    await screenshot(page, 'map-watchlist');
    expect(problems).toEqual([]);
  });

  it('the sections layer colours each section by its class against its target; rivers are drawn', async () => {
    const layers = await api('map/layers', { year: YEAR });
    expect(layers.features.filter((f) => f.layer === '河道中心线').length).toBeGreaterThan(0);
    const { values } = await api('map/values', { year: YEAR, level: 'section', measure: 'water.section_class' });
    const roman = ['I', 'II', 'III', 'IV', 'V'];
    const expected = Object.fromEntries(layers.sections.map((s) => {
      const cls = values[s.code];
      const target = s.targetClass ? roman.indexOf(s.targetClass) + 1 : 0;
      return [s.code, cls === null || cls === undefined || target === 0 ? '#9E9E9E' : cls <= target ? '#2E7D32' : '#C62828'];
    }));
    expect(Object.values(expected)).toContain('#2E7D32');
    const { page, problems } = await pages.open('#/map', { width: 1366, height: 768 });
    await page.getByTestId('unit-map').locator('canvas').first().waitFor();
    await page.getByTestId('map-layer-sections').locator('input').check();
    await page.getByTestId('map-section-legend').waitFor();
    const hooks = (el: unknown) => (el as { zonetrackMap: Hooks }).zonetrackMap.sectionColours();
    await expect.poll(() => page.getByTestId('unit-map').evaluate(hooks)).toEqual(expected);
    await screenshot(page, 'map-sections', { fullPage: false });
    expect(problems).toEqual([]);
  });
});
