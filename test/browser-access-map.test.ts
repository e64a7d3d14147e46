// 准入研判 in a real browser: a project entered by its coordinates is screened, and the result shows the project on
// a map with the units it touches (the map's drawn units include the touched one). Screenshot at 1366×768.
import { describe, expect, it } from 'vitest';
import * as turf from '@turf/turf';
import { directApi, screenshot, serveSample, type PageServer } from './helpers/browser.js';
import type { Service } from '../service/zonetrack-service.js';

let service: Service;
let pages: PageServer;
const api = directApi(() => service);
serveSample({ sample: { years: [2024, 2025], districts: ['500103', '500112'] }, timeoutMs: 600_000 }, (s) => ({ service, pages } = s));

describe('准入研判 in the browser', () => {
  it('screens a project typed by coordinates and maps it over the unit it touches', async () => {
    const layers = await api('map/layers', { year: 2025, zoom: 0 });
    const unit = layers.units.features.find((f) => f.properties.district === '500112' && f.properties.type === 3)!;
    const [lon, lat] = turf.pointOnFeature(unit as never).geometry.coordinates as [number, number];
    const { page, problems } = await pages.open('#/access', { width: 1366, height: 768 });
    await page.getByTestId('access-name').fill('某汽车零部件项目（测试）');
    await page.getByTestId('access-lon').fill(lon.toFixed(6));
    await page.getByTestId('access-lat').fill(lat.toFixed(6));
    await page.getByTestId('access-industries').fill('C3670');
    await page.getByTestId('access-submit').click();
    await page.getByTestId('access-map').locator('canvas').first().waitFor({ timeout: 60_000 });
    const drawn = await page.getByTestId('access-map').evaluate((el) => Object.keys((el as unknown as { zonetrackMap: { colours(): Record<string, string> } }).zonetrackMap.colours()));
    expect(drawn).toContain(unit.properties.code);
    await page.getByTestId('access-map').scrollIntoViewIfNeeded();
    await screenshot(page, 'access-map', { fullPage: false });
    await screenshot(page, 'access-page');
    expect(problems).toEqual([]);
  });
});
