/**
 * `npm run bench`: every speed and size target of the issues, measured here,
 * each beside a baseline measured in the same run. Prints one table; exits 1
 * when a target is missed. `npm run bench -- <name>` runs the suites whose
 * name contains <name>.
 */
import { benchAgent } from './agent.bench.ts';
import { benchBilling } from './billing.bench.ts';
import { benchCardReader } from './card-reader.bench.ts';
import { benchFleet } from './fleet.bench.ts';
import { benchHandset } from './handset.bench.ts';
import { benchIdReader } from './id-reader.bench.ts';
import { benchPrinter } from './printer.bench.ts';
import { benchScanner } from './scanner.bench.ts';
import { benchStartup } from './startup.bench.ts';
import { type BenchRow, printTable } from './table.ts';
import { benchUiSize } from './ui-size.bench.ts';
import { benchUiTap } from './ui-tap.bench.ts';

const suites: [string, () => Promise<BenchRow[]>][] = [
  ['kiosk UI size', benchUiSize],
  ['kiosk UI tap', benchUiTap],
  ['startup', () => benchStartup()],
  ['printer', benchPrinter],
  ['card reader', benchCardReader],
  ['id reader', benchIdReader],
  ['scanner', benchScanner],
  ['handset', benchHandset],
  ['fleet', benchFleet],
  ['billing', benchBilling],
  ['agent', () => benchAgent()],
];

const only = process.argv[2];
const rows: BenchRow[] = [];
for (const [name, run] of suites) {
  if (only && !name.includes(only)) continue;
  process.stderr.write(`running ${name}…\n`);
  rows.push(...(await run()));
}
printTable(`Tingzi benchmarks (${new Date().toISOString()}, node ${process.version})`, rows);
const missed = rows.filter((r) => r.ok === false);
if (missed.length > 0) {
  console.log(`\n${missed.length} target(s) missed.`);
  process.exitCode = 1;
}
