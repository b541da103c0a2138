/**
 * `npm start`: hub, hardware rig and one kiosk agent on 127.0.0.1, with the
 * kiosk UI rebuilt when its sources changed. Ctrl-C stops every child.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ensureConsoleBuilt, ensureUiBuilt } from './build-ui.ts';
import { ChildStartError, PortInUseError, type Stack, startStack, waitHealthy } from './stack.ts';

const t0 = Date.now();
const env = process.env;
const dataDir = path.resolve(env.DATA_DIR ?? 'data');

function tail(file: string, lines = 15): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/** KIOSK_BROWSER: headless (default; screenshots work without a display), window (kiosk mode), off. */
function kioskBrowser(value: string | undefined): 'headless' | 'window' | 'off' {
  if (value === undefined || value === '') return 'headless';
  if (value === 'headless' || value === 'window' || value === 'off') return value;
  console.error(`KIOSK_BROWSER must be headless, window or off (it is "${value}").`);
  process.exit(1);
}

let stack: Stack | undefined;
let stopping = false;
async function shutdown(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    console.log('\nStopping hub, rig and agent…');
    await stack?.stop();
    console.log('Stopped.');
  }
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

try {
  await ensureUiBuilt(console.log);
  await ensureConsoleBuilt(console.log);
  stack = await startStack({
    hubPort: Number(env.HUB_PORT ?? 7400),
    rigPort: Number(env.RIG_PORT ?? 7399),
    agentPort: Number(env.AGENT_PORT ?? 7300),
    dataDir,
    browser: kioskBrowser(env.KIOSK_BROWSER),
    onStderr: (child, line) => console.error(`[${child}] ${line}`),
  });
} catch (err) {
  if (err instanceof PortInUseError) console.error(err.message);
  else if (err instanceof ChildStartError)
    console.error(`The ${err.child} did not start. Nothing was left running.`);
  else console.error(err);
  process.exit(1);
}

const s = stack;
void s.unexpectedExit.then(async ({ child, code, signal }) => {
  if (stopping) return;
  console.error(`\nThe ${child} stopped unexpectedly (${code ?? signal}). Its last log lines:`);
  console.error(tail(path.join(s.logDir, `${child}.log`)));
  await shutdown(1);
});

let health = 'healthy';
try {
  await waitHealthy(s.agentUrl, 10_000);
} catch (err) {
  health = `not yet healthy: ${(err as Error).message}`;
}
console.log(`
  Tingzi is running (${((Date.now() - t0) / 1000).toFixed(1)} s, ${health})

  Kiosk screen     ${s.agentUrl}/
  Console          ${s.hubUrl}/console/
  Hardware rig     ${s.rigUrl}/rig/
  Hub API          ${s.hubUrl}/api/v1/health
  Agent status     ${s.agentUrl}/agent/status

  Hub API docs     ${s.hubUrl}/api/docs
${
  s.firstRunAdminPassword
    ? `
  First run: the console's administrator is  admin  with the one-time password
      ${s.firstRunAdminPassword}
  It is shown only now and must be changed at the first login.
`
    : ''
}
  Data and logs    ${dataDir}  (logs in ${s.logDir})
  Press Ctrl-C to stop everything.
`);
