// Numbered schema migrations. Each runs once, inside the transaction that records it in `schema_migrations`.
// Never edit a migration that has shipped: add the next number.
import { CHONGQING_DISTRICTS } from './reference/chongqing-districts.js';
import { sqlString } from './sql.js';

export interface Migration {
  version: number;
  name: string;
  sql: () => string;
}

const districtRows = () =>
  CHONGQING_DISTRICTS.map((d) =>
    `(${sqlString(d.code)}, ${sqlString(d.name)}, ${sqlString(d.kind)}, ${sqlString(d.regionGroup)}, ${d.subGroup ? sqlString(d.subGroup) : 'NULL'})`,
  ).join(',\n');

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
];
