// Numbered schema migrations. Each runs once, inside the transaction that records it in `schema_migrations`.
// Never edit a migration that has shipped: add the next number.
import { CHONGQING_DISTRICTS } from './reference/chongqing-districts.js';
import { sqlString } from './sql.js';
import { INDUSTRIES } from './reference/industries-gbt4754.js';
import { backfillCoverageSql } from './import/batch-coverage.js';
import { regionGroupRows } from './reference/region-groups.js';

export interface Migration {
  version: number;
  name: string;
  sql: () => string;
}

const districtRows = () =>
  CHONGQING_DISTRICTS.map((d) =>
    `(${sqlString(d.code)}, ${sqlString(d.name)}, ${sqlString(d.kind)}, ${sqlString(d.regionGroup)}, ${d.subGroup ? sqlString(d.subGroup) : 'NULL'})`,
  ).join(',\n');

const industryRows = () => INDUSTRIES.map((i) => `(${sqlString(i.code)}, ${sqlString(i.name)}, ${sqlString(i.level)})`).join(',\n');

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: '工作空间基础表：区县、管控单元、空气站点、空气小时数据、导入批次、指标结果',
    sql: () => `
      CREATE TABLE workspace_meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL);

      CREATE TABLE districts (
        district_code VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, kind VARCHAR,
        region_group VARCHAR, sub_group VARCHAR);
      INSERT INTO districts VALUES ${districtRows()};

      CREATE SEQUENCE batch_id_seq START 1;
      CREATE TABLE import_batches (
        batch_id INTEGER PRIMARY KEY, dataset VARCHAR NOT NULL, file_name VARCHAR NOT NULL, file_path VARCHAR,
        sha256 VARCHAR NOT NULL, size_bytes BIGINT, encoding VARCHAR, sheet VARCHAR, header_row INTEGER,
        rows_read INTEGER NOT NULL, rows_accepted INTEGER NOT NULL, rows_rejected INTEGER NOT NULL,
        imported_at TIMESTAMP NOT NULL, note VARCHAR);

      CREATE TABLE units (
        unit_code VARCHAR NOT NULL, plan_version VARCHAR NOT NULL, unit_name VARCHAR NOT NULL,
        unit_type TINYINT NOT NULL, district_code VARCHAR NOT NULL, area_km2 DOUBLE,
        batch_id INTEGER NOT NULL, src_row INTEGER NOT NULL, PRIMARY KEY (unit_code, plan_version));

      CREATE TABLE air_stations (
        station_code VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, district_code VARCHAR NOT NULL,
        unit_code VARCHAR, lon DOUBLE, lat DOUBLE, level VARCHAR, is_city_site BOOLEAN NOT NULL,
        batch_id INTEGER NOT NULL, src_row INTEGER NOT NULL);

      -- Hour-ending local time: 2025-01-01 01:00 covers 00:00–01:00. No key index: duplicates are refused at import.
      CREATE TABLE air_hourly (
        station_code VARCHAR NOT NULL, time TIMESTAMP NOT NULL, pollutant VARCHAR NOT NULL, value DOUBLE,
        flag VARCHAR, batch_id INTEGER NOT NULL, src_row INTEGER NOT NULL);

      CREATE SEQUENCE run_id_seq START 1;
      CREATE TABLE compute_runs (
        run_id INTEGER PRIMARY KEY, year INTEGER NOT NULL, cycle VARCHAR NOT NULL, catalogue_id VARCHAR NOT NULL,
        catalogue_version VARCHAR NOT NULL, standard_edition VARCHAR NOT NULL, app_version VARCHAR NOT NULL,
        computed_at TIMESTAMP NOT NULL);

      CREATE TABLE indicator_values (
        run_id INTEGER NOT NULL, indicator_id VARCHAR NOT NULL, entity_code VARCHAR NOT NULL,
        entity_level VARCHAR NOT NULL, year INTEGER NOT NULL, value DOUBLE, numerator DOUBLE, denominator DOUBLE,
        previous_value DOUBLE,
        target DOUBLE, target_source VARCHAR, status VARCHAR NOT NULL, points DOUBLE, max_points DOUBLE,
        completeness DOUBLE, explanation VARCHAR, batches INTEGER[] NOT NULL,
        PRIMARY KEY (run_id, indicator_id, entity_code));

      -- Monthly air figures per entity, kept with the run so that reports redraw their charts from the snapshot.
      CREATE TABLE air_entity_monthly (
        run_id INTEGER NOT NULL, entity_code VARCHAR NOT NULL, year INTEGER NOT NULL, month INTEGER NOT NULL,
        pm25_mean DOUBLE, valid_days INTEGER, good_days INTEGER, heavy_days INTEGER,
        PRIMARY KEY (run_id, entity_code, year, month));
    `,
  },
  {
    version: 2,
    name: '全部规范数据集：参照、监测、排放、执法、分区管控工作记录、目标与统计；批次替换与列名映射',
    sql: () => `
      -- Every data table carries batch_id and src_row: a value can always be traced to its file and line.
      -- unit_attribution says how a row got its unit: 'file' (the file named it) or 'polygon' (point in polygon).
      ALTER TABLE import_batches ADD COLUMN superseded_by INTEGER;
      ALTER TABLE units ADD COLUMN sub_type VARCHAR;
      ALTER TABLE units ADD COLUMN geometry VARCHAR;
      ALTER TABLE units ADD COLUMN min_lon DOUBLE;
      ALTER TABLE units ADD COLUMN min_lat DOUBLE;
      ALTER TABLE units ADD COLUMN max_lon DOUBLE;
      ALTER TABLE units ADD COLUMN max_lat DOUBLE;
      ALTER TABLE air_stations ADD COLUMN unit_attribution VARCHAR;

      CREATE TABLE column_mappings (
        dataset VARCHAR NOT NULL, header VARCHAR NOT NULL, column_name VARCHAR NOT NULL, saved_at TIMESTAMP NOT NULL,
        PRIMARY KEY (dataset, header));

      CREATE TABLE reporting_entities (
        entity_code VARCHAR NOT NULL, name VARCHAR NOT NULL, host_district_code VARCHAR NOT NULL,
        batch_id INTEGER NOT NULL, src_row INTEGER NOT NULL);
      CREATE TABLE unit_crosswalk (
        old_code VARCHAR NOT NULL, new_code VARCHAR NOT NULL, old_plan_version VARCHAR, new_plan_version VARCHAR,
        relation VARCHAR, batch_id INTEGER NOT NULL, src_row INTEGER NOT NULL);
      CREATE TABLE water_sections (
        section_code VARCHAR NOT NULL, name VARCHAR NOT NULL, river VARCHAR, water_body_type VARCHAR,
        district_code VARCHAR NOT NULL, unit_code VARCHAR, unit_attribution VARCHAR, lon DOUBLE, lat DOUBLE,
        level VARCHAR, target_class VARCHAR, batch_id INTEGER NOT NULL, src_row INTEGER NOT NULL);
      CREATE TABLE drinking_sources (
        source_code VARCHAR NOT NULL, name VARCHAR NOT NULL, type VARCHAR, level VARCHAR, district_code VARCHAR NOT NULL,
        unit_code VARCHAR, batch_id INTEGER NOT NULL, src_row INTEGER NOT NULL);
      CREATE TABLE permit_holders (
        permit_no VARCHAR NOT NULL, uscc VARCHAR, name VARCHAR NOT NULL, industry_code VARCHAR, management_class VARCHAR,
        is_key_polluter BOOLEAN, district_code VARCHAR NOT NULL, unit_code VARCHAR, unit_attribution VARCHAR,
        lon DOUBLE, lat DOUBLE, park VARCHAR, batch_id INTEGER NOT NULL, src_row INTEGER NOT NULL);

      CREATE TABLE air_daily (
        station_code VARCHAR NOT NULL, day DATE NOT NULL, so2 DOUBLE, no2 DOUBLE, co DOUBLE, pm10 DOUBLE, pm25 DOUBLE,
        o3_8h DOUBLE, aqi DOUBLE, batch_id INTEGER NOT NULL, src_row INTEGER NOT NULL);
      -- One row per section, date and item; values under the detection limit keep the limit and a flag, so the
      -- rule for them (half the limit, or the limit) is chosen when measuring and stated in the report.
      CREATE TABLE water_samples (
        section_code VARCHAR NOT NULL, sample_date DATE NOT NULL, item VARCHAR NOT NULL, value DOUBLE,
        below_detection BOOLEAN NOT NULL DEFAULT false, batch_id INTEGER NOT NULL, src_row INTEGER NOT NULL);
      CREATE TABLE drinking_samples (
        source_code VARCHAR NOT NULL, year INTEGER NOT NULL, month INTEGER, compliant BOOLEAN,
        batch_id INTEGER NOT NULL, src_row INTEGER NOT NULL);
      CREATE TABLE noise (
        point_code VARCHAR NOT NULL, district_code VARCHAR NOT NULL, zone_class VARCHAR, year INTEGER NOT NULL,
        quarter INTEGER, leq_day DOUBLE, leq_night DOUBLE, batch_id INTEGER NOT NULL, src_row INTEGER NOT NULL);
      CREATE TABLE eqi (
        entity_code VARCHAR NOT NULL, year INTEGER NOT NULL, eqi DOUBLE, eqi_class VARCHAR,
        batch_id INTEGER NOT NULL, src_row INTEGER NOT NULL);
      CREATE TABLE ecology_units (
        unit_code VARCHAR NOT NULL, year INTEGER NOT NULL, red_line_area_km2 DOUBLE, human_activity_patches INTEGER,
        human_activity_area_km2 DOUBLE, problems_found INTEGER, problems_rectified INTEGER,
        batch_id INTEGER NOT NULL, src_row INTEGER NOT NULL);
      CREATE TABLE soil_stats (
        district_code VARCHAR NOT NULL, year INTEGER NOT NULL, contaminated_farmland_total_ha DOUBLE, safe_use_ha DOUBLE,
        key_construction_plots INTEGER, key_construction_plots_compliant INTEGER,
        batch_id INTEGER NOT NULL, src_row INTEGER NOT NULL);
      CREATE TABLE statistics (
        entity_code VARCHAR NOT NULL, year INTEGER NOT NULL, metric VARCHAR NOT NULL, value DOUBLE, unit VARCHAR,
        source VARCHAR, batch_id INTEGER NOT NULL, src_row INTEGER NOT NULL);
      CREATE TABLE targets (
        entity_code VARCHAR NOT NULL, year INTEGER NOT NULL, indicator_id VARCHAR NOT NULL, target_value DOUBLE NOT NULL,
        batch_id INTEGER NOT NULL, src_row INTEGER NOT NULL);

      CREATE TABLE emissions_annual (
        permit_no VARCHAR NOT NULL, year INTEGER NOT NULL, pollutant VARCHAR NOT NULL, actual_t DOUBLE, permitted_t DOUBLE,
        report_submitted_on DATE, report_due_on DATE, batch_id INTEGER NOT NULL, src_row INTEGER NOT NULL);
      -- HJ 212 hourly values of online monitoring; only flag N counts as valid for compliance.
      CREATE TABLE online_hourly (
        permit_no VARCHAR NOT NULL, outlet_code VARCHAR NOT NULL, time TIMESTAMP NOT NULL, pollutant VARCHAR NOT NULL,
        value DOUBLE, limit_value DOUBLE, flag VARCHAR, batch_id INTEGER NOT NULL, src_row INTEGER NOT NULL);

      CREATE TABLE inspections (
        inspection_id VARCHAR NOT NULL, date DATE NOT NULL, type VARCHAR, permit_no VARCHAR, name VARCHAR, uscc VARCHAR,
        district_code VARCHAR NOT NULL, unit_code VARCHAR, unit_attribution VARCHAR, lon DOUBLE, lat DOUBLE,
        result VARCHAR, problem_type VARCHAR, batch_id INTEGER NOT NULL, src_row INTEGER NOT NULL);
      -- Penalties in 元 (files in 万元 are converted on import).
      CREATE TABLE cases (
        case_no VARCHAR NOT NULL, filed_on DATE NOT NULL, permit_no VARCHAR, district_code VARCHAR NOT NULL,
        unit_code VARCHAR, unit_attribution VARCHAR, lon DOUBLE, lat DOUBLE, violation_type VARCHAR,
        five_category VARCHAR, penalty_cny DOUBLE, decided_on DATE, closed_on DATE,
        batch_id INTEGER NOT NULL, src_row INTEGER NOT NULL);
      CREATE TABLE problems (
        problem_id VARCHAR NOT NULL, source VARCHAR, district_code VARCHAR NOT NULL, unit_code VARCHAR,
        found_on DATE NOT NULL, due_on DATE, rectified_on DATE, status VARCHAR, batch_id INTEGER NOT NULL, src_row INTEGER NOT NULL);

      CREATE TABLE eia_approvals (
        approval_no VARCHAR NOT NULL, project_name VARCHAR NOT NULL, approved_on DATE NOT NULL, district_code VARCHAR NOT NULL,
        unit_code VARCHAR, category VARCHAR, zoning_analysis BOOLEAN, conforms VARCHAR,
        batch_id INTEGER NOT NULL, src_row INTEGER NOT NULL);
      CREATE TABLE plan_filings (
        level VARCHAR NOT NULL, entity_code VARCHAR NOT NULL, version VARCHAR NOT NULL, kind VARCHAR NOT NULL,
        published_on DATE, filed_on DATE, reason VARCHAR, batch_id INTEGER NOT NULL, src_row INTEGER NOT NULL);
      CREATE TABLE work_items (
        entity_code VARCHAR NOT NULL, year INTEGER NOT NULL, item VARCHAR NOT NULL, count DOUBLE, titles VARCHAR,
        evidence VARCHAR, attachments VARCHAR, batch_id INTEGER NOT NULL, src_row INTEGER NOT NULL);
    `,
  },
  {
    version: 3,
    name: '导入批次可移除（保留记录，数据删除）',
    sql: () => `
      ALTER TABLE import_batches ADD COLUMN removed_at TIMESTAMP;
      ALTER TABLE import_batches ADD COLUMN removed_reason VARCHAR;
    `,
  },
  {
    version: 4,
    name: '测算值（每个计算批次的全部测算：区县、管控单元、全市）',
    sql: () => `
      CREATE TABLE measure_values (
        run_id INTEGER NOT NULL, measure_id VARCHAR NOT NULL, entity_code VARCHAR NOT NULL, entity_level VARCHAR NOT NULL,
        year INTEGER NOT NULL, value DOUBLE, numerator DOUBLE, denominator DOUBLE, completeness DOUBLE,
        valid BOOLEAN NOT NULL, detail VARCHAR, batches INTEGER[] NOT NULL,
        PRIMARY KEY (run_id, measure_id, entity_code, year));
    `,
  },
  {
    version: 5,
    name: '操作记录（谁在何时做了什么）与工作空间设置',
    sql: () => `
      -- Append-only: rows are written by analytics/audit/audit-log.ts in the transaction of the action they record,
      -- and nothing updates or deletes them. detail holds JSON text.
      CREATE SEQUENCE audit_seq START 1;
      CREATE TABLE audit_log (
        seq BIGINT PRIMARY KEY DEFAULT nextval('audit_seq'), logged_at TIMESTAMP NOT NULL, user_name VARCHAR NOT NULL,
        action VARCHAR NOT NULL, target VARCHAR, detail VARCHAR);
      CREATE TABLE settings (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL);
    `,
  },
  {
    version: 6,
    name: '指标体系细化层（市级、区县级）；计算批次记录所用细化层；自评、不适用标记与审核得分；区县自评表',
    sql: () => `
      -- Layers are kept after they are replaced (replaced_at set): a past run names its layers by sha256.
      CREATE SEQUENCE catalogue_layer_id_seq START 1;
      CREATE TABLE catalogue_layers (
        layer_id INTEGER PRIMARY KEY, level VARCHAR NOT NULL, entity_code VARCHAR NOT NULL, layer_key VARCHAR NOT NULL,
        version VARCHAR NOT NULL, name VARCHAR NOT NULL, base_id VARCHAR NOT NULL, base_version VARCHAR NOT NULL,
        content VARCHAR NOT NULL, sha256 VARCHAR NOT NULL, file_name VARCHAR, imported_at TIMESTAMP NOT NULL, replaced_at TIMESTAMP);
      -- JSON list of {level, entity, id, version, sha256}: the layers the run's catalogue was merged from.
      ALTER TABLE compute_runs ADD COLUMN layers VARCHAR;
      -- Per district, year and item: the self-score (entered, or from an imported submission), evidence, a
      -- 不适用 mark with its reason, and the reviewer's score. Kept apart from runs: recomputing keeps them.
      CREATE TABLE score_entries (
        year INTEGER NOT NULL, entity_code VARCHAR NOT NULL, indicator_id VARCHAR NOT NULL,
        self_score DOUBLE, self_source VARCHAR, evidence VARCHAR, attachments VARCHAR, not_applicable_reason VARCHAR,
        review_score DOUBLE, review_note VARCHAR, updated_at TIMESTAMP NOT NULL);
      -- What a district submitted in its 评分表 (one row per item), for the self vs review comparison.
      CREATE TABLE review_submissions (
        year INTEGER NOT NULL, entity_code VARCHAR NOT NULL, indicator_id VARCHAR NOT NULL, self_score DOUBLE,
        value DOUBLE, target DOUBLE, applicable BOOLEAN, evidence VARCHAR, file_name VARCHAR NOT NULL,
        sha256 VARCHAR NOT NULL, imported_at TIMESTAMP NOT NULL);
    `,
  },
  {
    version: 8,
    name: '五年评估结果（基准年、逐年值、变化、Spearman趋势、目标完成情况）',
    sql: () => `
      CREATE SEQUENCE evaluation_id_seq START 1;
      -- One five-year evaluation: the window, its baseline and the annual run of each year it was built from.
      CREATE TABLE five_year_evaluations (
        evaluation_id INTEGER PRIMARY KEY, year INTEGER NOT NULL, baseline_year INTEGER NOT NULL, from_year INTEGER NOT NULL,
        to_year INTEGER NOT NULL, run_ids INTEGER[] NOT NULL, app_version VARCHAR NOT NULL, computed_at TIMESTAMP NOT NULL);
      -- kind 'indicator' (catalogue indicator of a district or the city) or 'measure' (unit-level tracking measure;
      -- units matched across plan versions: source_codes are the codes the yearly values were recorded under).
      CREATE TABLE five_year_values (
        evaluation_id INTEGER NOT NULL, kind VARCHAR NOT NULL, item_id VARCHAR NOT NULL, entity_code VARCHAR NOT NULL,
        entity_level VARCHAR NOT NULL, source_codes VARCHAR[] NOT NULL, baseline DOUBLE, yearly DOUBLE[] NOT NULL, final DOUBLE,
        change_abs DOUBLE, change_pct DOUBLE, n INTEGER NOT NULL, rho DOUBLE, significant BOOLEAN, trend VARCHAR NOT NULL,
        target DOUBLE, target_source VARCHAR, target_met BOOLEAN,
        PRIMARY KEY (evaluation_id, kind, item_id, entity_code));
    `,
  },
  {
    version: 10,
    name: '报告中需人工撰写的章节文字（组织实施、典型案例、问题与建议等）',
    sql: () => `
      -- What the user typed for a report's human sections, per year, district (or city) and section; a section
      -- without a row prints a marked placeholder. Changes are recorded in audit_log.
      CREATE TABLE report_texts (
        year INTEGER NOT NULL, entity_code VARCHAR NOT NULL, section VARCHAR NOT NULL, text VARCHAR NOT NULL,
        updated_at TIMESTAMP NOT NULL, PRIMARY KEY (year, entity_code, section));
    `,
  },
  {
    version: 11,
    name: '空气站点所在环境空气功能区类别（一类/二类，决定 GB 3095 一级或二级标准）',
    sql: () => `
      -- '一类' or '二类' as the station list says; NULL (not given) counts as 二类.
      ALTER TABLE air_stations ADD COLUMN zone_class VARCHAR;
    `,
  },
  {
    version: 12,
    name: '已生成的报告文件及其来源（计算批次、五年评估、指标体系、数据批次）',
    sql: () => `
      -- One row per file written (kind 'report' = .docx, 'workbook' = .xlsx), recorded in the step that writes it,
      -- with the snapshot it came from, so the 报告 page can list it later and say when it has gone stale.
      CREATE SEQUENCE generated_file_seq START 1;
      CREATE TABLE generated_files (
        file_id INTEGER PRIMARY KEY DEFAULT nextval('generated_file_seq'), kind VARCHAR NOT NULL, path VARCHAR NOT NULL,
        file_name VARCHAR NOT NULL, sha256 VARCHAR NOT NULL, size_bytes BIGINT NOT NULL, year INTEGER NOT NULL,
        cycle VARCHAR NOT NULL, entity_code VARCHAR NOT NULL, entity_name VARCHAR NOT NULL, generated_at TIMESTAMP NOT NULL,
        user_name VARCHAR NOT NULL, run_id INTEGER NOT NULL, run_computed_at TIMESTAMP NOT NULL, evaluation_id INTEGER,
        evaluation_computed_at TIMESTAMP, catalogue_id VARCHAR NOT NULL, catalogue_version VARCHAR NOT NULL,
        layers VARCHAR, batch_ids INTEGER[] NOT NULL);
    `,
  },
  {
    version: 13,
    name: '空气小时数据按批次汇总的站点日（日均值和 O3 逐时值）',
    sql: () => `
      -- Derived from air_hourly per import batch (analytics/derived/air-station-days.ts); batches imported before
      -- this version are summed by the next computation.
      CREATE TABLE air_station_day_sums (batch_id INTEGER NOT NULL, station_code VARCHAR NOT NULL, d INTEGER NOT NULL,
        pollutant VARCHAR NOT NULL, s DOUBLE, n BIGINT NOT NULL);
      CREATE TABLE air_station_o3_days (batch_id INTEGER NOT NULL, station_code VARCHAR NOT NULL, d INTEGER NOT NULL,
        ${Array.from({ length: 24 }, (_, k) => `h${k} DOUBLE`).join(', ')});
      CREATE TABLE air_station_days_built (batch_id INTEGER PRIMARY KEY);
    `,
  },
  {
    version: 14,
    name: '计算批次的评估基准日和所用目标责任书目标值',
    sql: () => `
      -- The evaluation's reference date (the year's setting, e.g. the reporting deadline) a run judged deadlines by,
      -- instead of the day it ran; and the signed targets (targets dataset) of every entity as the run used them.
      ALTER TABLE compute_runs ADD COLUMN reference_date DATE;
      CREATE TABLE run_targets (run_id INTEGER NOT NULL, entity_code VARCHAR NOT NULL, indicator_id VARCHAR NOT NULL,
        target DOUBLE NOT NULL, source VARCHAR NOT NULL);
    `,
  },
  {
    version: 15,
    name: '导入批次的覆盖范围（年份、区县）；计算批次定稿',
    sql: () => `
      -- The years (and districts; NULL = every district) inside which a batch's records are complete
      -- (analytics/import/batch-coverage.ts): no record there is 0, outside it 数据缺失.
      CREATE TABLE batch_coverage (batch_id INTEGER NOT NULL, dataset VARCHAR NOT NULL, year INTEGER NOT NULL, district_code VARCHAR);
      ${backfillCoverageSql()}
      -- 定稿: a finalized run is what score and reports read for its year; later changes compute a draft beside it.
      ALTER TABLE compute_runs ADD COLUMN finalized_at TIMESTAMP;
      ALTER TABLE compute_runs ADD COLUMN finalized_by VARCHAR;
      ALTER TABLE compute_runs ADD COLUMN finalize_reason VARCHAR;
    `,
  },
  {
    version: 18,
    name: '生态环境准入清单（市级—区县—单元，四个维度，可判定条件）、空间要素、国民经济行业分类、准入研判记录',
    sql: () => `
      -- GB/T 4754-2017 as shipped (analytics/reference/industries-gbt4754.ts): requirements and projects name
      -- industries by these codes; rewritten by this migration only.
      CREATE TABLE industries (code VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, level VARCHAR NOT NULL);
      INSERT INTO industries VALUES ${industryRows()};
      -- One requirement of an access list: level 市级/区县/单元, scope 'city' / district code / unit code (of its plan
      -- version), the dimension, its text, and an optional checkable condition (condition_type and its parameters;
      -- industries as normalised GB/T 4754 codes separated by ';').
      CREATE TABLE access_requirements (
        req_id VARCHAR NOT NULL, plan_version VARCHAR NOT NULL, level VARCHAR NOT NULL, scope_code VARCHAR NOT NULL,
        unit_type TINYINT, dimension VARCHAR NOT NULL, text VARCHAR NOT NULL, condition_type VARCHAR, industries VARCHAR,
        project_types VARCHAR, feature VARCHAR, distance_km DOUBLE, pollutant VARCHAR, ratio DOUBLE, not_attained VARCHAR,
        field VARCHAR, operator VARCHAR, limit_value DOUBLE, basis VARCHAR,
        batch_id INTEGER NOT NULL, src_row INTEGER NOT NULL, PRIMARY KEY (req_id, plan_version));
      -- Features that distance and overlap conditions name: red line, shorelines, source protection zones, parks.
      CREATE TABLE access_features (
        feature_id VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, layer VARCHAR NOT NULL, geometry VARCHAR NOT NULL,
        batch_id INTEGER NOT NULL, src_row INTEGER NOT NULL);
      -- A recorded screening (准入研判): the project as entered, the date screened against, the plan versions used,
      -- the conclusion and the full result (units, requirements with verdicts and reasons), who and when.
      CREATE SEQUENCE screening_id_seq START 1;
      CREATE TABLE access_screenings (
        screening_id INTEGER PRIMARY KEY, project_name VARCHAR NOT NULL, screened_on DATE NOT NULL, plan_versions VARCHAR NOT NULL,
        conclusion VARCHAR NOT NULL, district_codes VARCHAR[] NOT NULL, unit_codes VARCHAR[] NOT NULL, source VARCHAR NOT NULL,
        project VARCHAR NOT NULL, result VARCHAR NOT NULL, user_name VARCHAR NOT NULL, recorded_at TIMESTAMP NOT NULL);
    `,
  },
  {
    version: 19,
    name: '每次计算保存的数据质量概况（全市和各区县）',
    sql: () => `
      -- Written by the computation in its transaction (analytics/quality/quality-summary.ts): scope 'city' or a
      -- district code, the summary as JSON. Reports read their run's; the 数据质量 page the latest one while current.
      CREATE TABLE quality_summaries (run_id INTEGER NOT NULL, scope VARCHAR NOT NULL, summary VARCHAR NOT NULL,
        PRIMARY KEY (run_id, scope));
    `,
  },
  {
    version: 23,
    name: '区县报送：状态流转记录与佐证材料',
    sql: () => `
      -- One row per transition of a district's submission for a year (analytics/submissions/submissions.ts); the
      -- state is the last row's to_state (no row: 待报送). items: JSON list of {item, reason} returned (退回);
      -- contents: JSON of what a receipt contained (source, file, datasets and rows, self-scores, evidence).
      CREATE SEQUENCE submission_event_seq START 1;
      CREATE TABLE submission_events (
        event_id INTEGER PRIMARY KEY, year INTEGER NOT NULL, district_code VARCHAR NOT NULL,
        from_state VARCHAR NOT NULL, to_state VARCHAR NOT NULL, changed_at TIMESTAMP NOT NULL, operator VARCHAR NOT NULL,
        reason VARCHAR, items VARCHAR, contents VARCHAR);
      -- Evidence attachments (PDF/images) kept inside the workspace with their SHA-256.
      CREATE SEQUENCE submission_evidence_seq START 1;
      CREATE TABLE submission_evidence (
        evidence_id INTEGER PRIMARY KEY, year INTEGER NOT NULL, district_code VARCHAR NOT NULL, file_name VARCHAR NOT NULL,
        sha256 VARCHAR NOT NULL, bytes BIGINT NOT NULL, media_type VARCHAR NOT NULL, content BLOB NOT NULL, added_at TIMESTAMP NOT NULL);
    `,
  },
  {
    version: 24,
    name: '备案台账：限期整改的期限与完成日期，每次计算保存的备案台账',
    sql: () => `
      -- plan_filings rows of kind 限期整改 are rectification orders (version = the order's number, published_on = issued,
      -- reason = the matter); due_on is their deadline and done_on the day they were done.
      ALTER TABLE plan_filings ADD COLUMN due_on DATE;
      ALTER TABLE plan_filings ADD COLUMN done_on DATE;
      -- The filing register (备案台账) of a computation, as JSON (indicators/filings/filing-register.ts): what the
      -- report's annex, the page and the CLI read, judged by the run's reference date.
      CREATE TABLE filing_registers (run_id INTEGER PRIMARY KEY, register VARCHAR NOT NULL);
    `,
  },
  {
    version: 25,
    name: '一区两群分组（按年度的版本）',
    sql: () => `
      -- Each district's 一区两群 group from a year on (analytics/reference/region-groups.ts); districts.region_group
      -- keeps the 2020 definition, queries of a year read this table through regionGroupsOfYear.
      CREATE TABLE district_groups (district_code VARCHAR NOT NULL, from_year INTEGER NOT NULL, region_group VARCHAR NOT NULL,
        sub_group VARCHAR, PRIMARY KEY (district_code, from_year));
      INSERT INTO district_groups VALUES ${regionGroupRows().map((r) => `(${sqlString(r.district)}, ${r.fromYear}, ${sqlString(r.regionGroup)}, ${r.subGroup ? sqlString(r.subGroup) : 'NULL'})`).join(',\n')};
    `,
  },
  {
    version: 32,
    name: '环评审批的项目位置、行业与建设性质（批量准入研判）',
    sql: () => `
      -- Optional columns of an approval: where they are given, the approvals of a year can be screened in bulk
      -- (indicators/access/bulk-screening.ts) and the recorded conformity compared with the screening.
      ALTER TABLE eia_approvals ADD COLUMN lon DOUBLE;
      ALTER TABLE eia_approvals ADD COLUMN lat DOUBLE;
      ALTER TABLE eia_approvals ADD COLUMN industries VARCHAR;
      ALTER TABLE eia_approvals ADD COLUMN project_kind VARCHAR;
    `,
  },
  {
    version: 42,
    name: '自评、审核得分与区县报送随计算批次（评估快照）保存',
    sql: () => `
      -- Entries were kept per year, so a reopened year's self-scores changed its finalized run too. Each entry now
      -- belongs to the run (snapshot) it was entered against; a new computation carries the latest run's entries
      -- forward explicitly (indicators/scoring/score-entries.ts). Existing entries go to every run of their year,
      -- which is what they applied to until now.
      ALTER TABLE score_entries ADD COLUMN run_id INTEGER;
      INSERT INTO score_entries SELECT e.* EXCLUDE (run_id), r.run_id FROM score_entries e JOIN compute_runs r ON r.year = e.year
        WHERE e.run_id IS NULL;
      DELETE FROM score_entries WHERE run_id IS NULL;
      ALTER TABLE review_submissions ADD COLUMN run_id INTEGER;
      INSERT INTO review_submissions SELECT s.* EXCLUDE (run_id), r.run_id FROM review_submissions s JOIN compute_runs r ON r.year = s.year
        WHERE s.run_id IS NULL;
      DELETE FROM review_submissions WHERE run_id IS NULL;
    `,
  },
];
