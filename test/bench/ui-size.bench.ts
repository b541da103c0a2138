import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { ensureUiBuilt } from '../../scripts/build-ui.ts';
import type { BenchRow } from './table.ts';

const DIST = new URL('../../kiosk-ui/dist/', import.meta.url).pathname;
const BUDGET_KIB = 60;

/** The gzip size of every JavaScript chunk of the built kiosk UI, and their total against the budget. */
export async function benchUiSize(): Promise<BenchRow[]> {
  await ensureUiBuilt();
  const assets = path.join(DIST, 'assets');
  const files = (await readdir(assets)).filter((f) => f.endsWith('.js')).sort();
  const rows: BenchRow[] = [];
  let total = 0;
  let raw = 0;
  for (const f of files) {
    const buf = await readFile(path.join(assets, f));
    const gz = gzipSync(buf, { level: 9 }).length;
    total += gz;
    raw += buf.length;
    rows.push({
      benchmark: `kiosk UI chunk ${f}`,
      value: `${(gz / 1024).toFixed(1)} KiB gzip`,
      baseline: `${(buf.length / 1024).toFixed(1)} KiB raw`,
    });
  }
  rows.push({
    benchmark: 'kiosk UI JavaScript, all chunks',
    value: `${(total / 1024).toFixed(1)} KiB gzip`,
    baseline: `${(raw / 1024).toFixed(1)} KiB raw`,
    ratio: `${((total / 1024 / BUDGET_KIB) * 100).toFixed(0)}% of budget`,
    target: `≤ ${BUDGET_KIB} KiB gzip`,
    ok: total / 1024 <= BUDGET_KIB,
  });
  return rows;
}
