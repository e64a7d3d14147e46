// The 38 county-level divisions of Chongqing (GB/T 2260 codes) with their 一区两群 group (2020 definition),
// and the 2023 unit counts per district (重庆市环境管控单元调整结果统计表, rows 1–32). The seven counties whose
// rows were not published carry `unitCounts: null`; the sample generator invents plausible counts for them.
// Source: shared/domain/chongqing.md §4.2–4.3.

export interface DistrictReference {
  code: string;
  name: string;
  kind: '区' | '县' | '自治县';
  regionGroup: '主城都市区' | '渝东北三峡库区城镇群' | '渝东南武陵山区城镇群';
  subGroup: '中心城区' | '主城新区' | null;
  /** Units by type in the 2023 adjustment: 优先保护, 重点管控, 一般管控. */
  unitCounts: { priority: number; key: number; general: number } | null;
}

const D = (
  code: string, name: string, kind: DistrictReference['kind'], regionGroup: DistrictReference['regionGroup'],
  subGroup: DistrictReference['subGroup'], counts: [number, number, number] | null,
): DistrictReference => ({
  code, name, kind, regionGroup, subGroup,
  unitCounts: counts ? { priority: counts[0], key: counts[1], general: counts[2] } : null,
});

const METRO = '主城都市区', NE = '渝东北三峡库区城镇群', SE = '渝东南武陵山区城镇群';

export const CHONGQING_DISTRICTS: readonly DistrictReference[] = [
  D('500101', '万州区', '区', NE, null, [13, 13, 7]),
  D('500102', '涪陵区', '区', METRO, '主城新区', [15, 10, 7]),
  D('500103', '渝中区', '区', METRO, '中心城区', [1, 1, 0]),
  D('500104', '大渡口区', '区', METRO, '中心城区', [4, 4, 0]),
  D('500105', '江北区', '区', METRO, '中心城区', [7, 10, 0]),
  D('500106', '沙坪坝区', '区', METRO, '中心城区', [8, 7, 0]),
  D('500107', '九龙坡区', '区', METRO, '中心城区', [10, 6, 0]),
  D('500108', '南岸区', '区', METRO, '中心城区', [7, 5, 0]),
  D('500109', '北碚区', '区', METRO, '中心城区', [9, 9, 3]),
  // 綦江区 here counts 綦江 + 万盛经开区 (27th row of the 2023 table, 7/7/2), since units carry the host code.
  D('500110', '綦江区', '区', METRO, '主城新区', [11 + 7, 10 + 7, 5 + 2]),
  D('500111', '大足区', '区', METRO, '主城新区', [11, 9, 4]),
  D('500112', '渝北区', '区', METRO, '中心城区', [9, 15, 2]),
  D('500113', '巴南区', '区', METRO, '中心城区', [8, 10, 2]),
  D('500114', '黔江区', '区', SE, null, [12, 4, 2]),
  D('500115', '长寿区', '区', METRO, '主城新区', [6, 16, 3]),
  D('500116', '江津区', '区', METRO, '主城新区', [16, 13, 7]),
  D('500117', '合川区', '区', METRO, '主城新区', [8, 14, 6]),
  D('500118', '永川区', '区', METRO, '主城新区', [9, 11, 2]),
  D('500119', '南川区', '区', METRO, '主城新区', [15, 10, 4]),
  D('500120', '璧山区', '区', METRO, '主城新区', [10, 10, 1]),
  D('500151', '铜梁区', '区', METRO, '主城新区', [8, 6, 3]),
  D('500152', '潼南区', '区', METRO, '主城新区', [7, 10, 4]),
  D('500153', '荣昌区', '区', METRO, '主城新区', [6, 9, 6]),
  D('500154', '开州区', '区', NE, null, [13, 10, 3]),
  D('500155', '梁平区', '区', NE, null, [9, 4, 5]),
  D('500156', '武隆区', '区', SE, null, [16, 7, 5]),
  D('500229', '城口县', '县', NE, null, [7, 6, 3]),
  D('500230', '丰都县', '县', NE, null, [14, 9, 3]),
  D('500231', '垫江县', '县', NE, null, [10, 7, 1]),
  D('500233', '忠县', '县', NE, null, [14, 5, 5]),
  D('500235', '云阳县', '县', NE, null, [14, 3, 3]),
  D('500236', '奉节县', '县', NE, null, null),
  D('500237', '巫山县', '县', NE, null, null),
  D('500238', '巫溪县', '县', NE, null, null),
  D('500240', '石柱土家族自治县', '自治县', SE, null, null),
  D('500241', '秀山土家族苗族自治县', '自治县', SE, null, null),
  D('500242', '酉阳土家族苗族自治县', '自治县', SE, null, null),
  D('500243', '彭水苗族土家族自治县', '自治县', SE, null, null),
];
