// Every namespace in both languages. A page's words live in zh/<page>.ts and en/<page>.ts; shared words in common.
import { common as zhCommon } from './zh/common.js';
import { common as enCommon } from './en/common.js';
import { overview as zhOverview } from './zh/overview.js';
import { overview as enOverview } from './en/overview.js';
import { district as zhDistrict } from './zh/district.js';
import { district as enDistrict } from './en/district.js';
import { dataImport as zhDataImport } from './zh/dataImport.js';
import { dataImport as enDataImport } from './en/dataImport.js';
import { units as zhUnits } from './zh/units.js';
import { units as enUnits } from './en/units.js';
import { scores as zhScores } from './zh/scores.js';
import { scores as enScores } from './en/scores.js';
import { watchlist as zhWatchlist } from './zh/watchlist.js';
import { watchlist as enWatchlist } from './en/watchlist.js';
import { fiveYear as zhFiveYear } from './zh/fiveYear.js';
import { fiveYear as enFiveYear } from './en/fiveYear.js';
import { reports as zhReports } from './zh/reports.js';
import { reports as enReports } from './en/reports.js';
import { quality as zhQuality } from './zh/quality.js';
import { quality as enQuality } from './en/quality.js';
import { workspace as zhWorkspace } from './zh/workspace.js';
import { workspace as enWorkspace } from './en/workspace.js';
import { settings as zhSettings } from './zh/settings.js';
import { settings as enSettings } from './en/settings.js';
import { access as zhAccess } from './zh/access.js';
import { access as enAccess } from './en/access.js';
import { map as zhMap } from './zh/map.js';
import { map as enMap } from './en/map.js';
import { submissions as zhSubmissions } from './zh/submissions.js';
import { submissions as enSubmissions } from './en/submissions.js';
import { words as zhWords } from './zh/words.js';
import { words as enWords } from './en/words.js';

export const zh = {
  common: zhCommon,
  overview: zhOverview,
  district: zhDistrict,
  dataImport: zhDataImport,
  units: zhUnits,
  scores: zhScores,
  watchlist: zhWatchlist,
  fiveYear: zhFiveYear,
  reports: zhReports,
  quality: zhQuality,
  workspace: zhWorkspace,
  settings: zhSettings,
  access: zhAccess,
  map: zhMap,
  submissions: zhSubmissions,
  words: zhWords,
};

export const en = {
  common: enCommon,
  overview: enOverview,
  district: enDistrict,
  dataImport: enDataImport,
  units: enUnits,
  scores: enScores,
  watchlist: enWatchlist,
  fiveYear: enFiveYear,
  reports: enReports,
  quality: enQuality,
  workspace: enWorkspace,
  settings: enSettings,
  access: enAccess,
  map: enMap,
  submissions: enSubmissions,
  words: enWords,
};

export const resources = { zh, en };

export type Namespace = keyof typeof zh;
