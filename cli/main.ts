// zonetrack — the command-line face of the same service the desktop app uses (shared/design/cli.md).
import { processIo, reportFailure, UsageError, type Io } from './cli-io.js';
import { batchesCommand, importCommand, initCommand, packageCommand, qualityCommand, sampleCommand } from './commands/data-commands.js';
import { computeCommand, scoreCommand, valueCommand } from './commands/indicator-commands.js';
import { reportCommand, reportsCommand, serveCommand } from './commands/report-commands.js';
import { demoCommand } from './commands/demo-command.js';
import { catalogueCommand } from './commands/catalogue-command.js';
import { auditCommand } from './commands/audit.js';
import { backupCommand, checkCommand } from './commands/backup.js';
import { reviewCommand, selfScoreCommand } from './commands/catalogue-review-commands.js';
import { watchlistCommand } from './commands/watchlist.js';
import { screenCommand } from './commands/screen.js';
import { finalizeCommand } from './commands/finalize-command.js';
import { templateCommand } from './commands/template-command.js';
import { submissionsCommand } from './commands/submissions-command.js';
import { filingsCommand } from './commands/filings-command.js';

const COMMANDS: Record<string, (argv: string[], io: Io) => Promise<number>> = {
  sample: sampleCommand, init: initCommand, import: importCommand, batches: batchesCommand, compute: computeCommand,
  value: valueCommand, score: scoreCommand, report: reportCommand, demo: demoCommand, serve: serveCommand, quality: qualityCommand,
  package: packageCommand,
  catalogue: catalogueCommand,
  audit: auditCommand,
  backup: backupCommand,
  check: checkCommand,
  'self-score': selfScoreCommand, review: reviewCommand, finalize: finalizeCommand,
  watchlist: watchlistCommand,
  reports: reportsCommand,
  screen: screenCommand,
  template: templateCommand,
  submissions: submissionsCommand,
  filings: filingsCommand,
};

export const USAGE = `zonetrack — 生态环境分区管控跟踪评估工作站（命令行）

用法：
  zonetrack sample --out DIR [--years 2024-2025] [--scale small|city|stress] [--seed N] [--json]
  zonetrack init WS
  zonetrack import WS FILE… [--dataset NAME [--map 表头=列名]…] [--covers 2025|2024-2025] [--dry-run] [--errors-out 错误清单.csv] [--json]
  zonetrack batches WS [--remove ID --reason 原因] [--json]
  zonetrack compute WS --year Y [--cycle annual|five-year] [--edition 2012|2026] [--json]
  zonetrack value WS --indicator ID --entity CODE --year Y [--edition both] [--json]
  zonetrack score WS --year Y [--entity CODE] [--json]
  zonetrack report WS --year Y [--entity CODE|city|all] [--cycle annual|five-year] --out DIR [--json]
  zonetrack reports WS [--year Y] [--json]
  zonetrack quality WS --year Y [--json]
  zonetrack watchlist WS --year Y [--district CODE] [--json]
  zonetrack screen WS (--project 项目.json | --lon X --lat Y --industry 行业代码…) [--name 名称] [--kind 新建|改建|扩建] [--date YYYY-MM-DD] [--in-park] [--out DIR] [--json]
  zonetrack template WS --dataset NAME|all --district CODE --year Y --out DIR [--json]（数据填报模板；all 为全部模板的 .zip 包）
  zonetrack package export WS --district CODE --out DIR [--json]
  zonetrack package import WS DIR [--year Y] [--errors-out 错误清单.csv] [--json]（同时登记该区县该年度“已报送”）
  zonetrack catalogue lint|show|diff [FILE…] [--json]（细化层按顺序叠加在内置默认指标体系之上）
  zonetrack catalogue add WS FILE [--json] | zonetrack catalogue layers WS [--json]
  zonetrack self-score WS --year Y --entity CODE --indicator ID [--score N|none] [--evidence 佐证] [--not-applicable 理由 | --applicable] [--json]
  zonetrack review WS --year Y --submission 评分表.xlsx [--entity CODE] [--json]
  zonetrack review WS --year Y --entity CODE --indicator ID --score N|none [--note 说明] [--json]
  zonetrack finalize WS --year Y [--reason 说明] | --reopen --reason 理由 | --diff | --status [--json]
  zonetrack submissions WS --year Y [--district CODE] [--history] [--json]
  zonetrack submissions WS --year Y --district CODE --to 已报送|退回|已审核 [--reason 说明] [--item 项目=原因]… [--evidence 佐证.pdf]… [--json]
  zonetrack filings WS --year Y [--json]（备案台账：方案版本、动态更新、定期调整、限期整改）
  zonetrack demo [--out DIR] [--entity CODE]
  zonetrack serve WS [--port N] [--allow DIR]… [--upload-limit MB] [--upload-quota MB]
  zonetrack audit WS [--json] [--offset N] [--limit N] [--set-user 姓名]
  zonetrack backup WS [--list] [--restore ID|latest] [--keep N] [--keep-days N] [--json]
  zonetrack check WS [--json]

CODE：6位区县代码（如 500103），或 city 表示全市。
退出码：0 完成；1 内部错误；2 输入被拒绝（未写入任何数据）。`;

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const [command, ...rest] = argv;
  const json = rest.includes('--json');
  try {
    if (!command || command === '--help' || command === '-h' || command === 'help') {
      io.out(USAGE);
      return 0;
    }
    if (command === '--version') {
      const { APP_VERSION } = await import('../analytics/app-version.js');
      io.out(APP_VERSION);
      return 0;
    }
    const run = COMMANDS[command];
    if (!run) throw new UsageError(`未知的命令“${command}”`);
    return await run(rest, io);
  } catch (e) {
    return reportFailure(io, e, json);
  }
}
