/**
 * The billing bench's load driver, run in a worker thread (its own event loop, as the fleet
 * bench's autocannon worker) so the load generator does not share the hub's. One loop per kiosk
 * credential, each running journeys back to back over keep-alive connections.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

/** A sandbox payment code that approves at once (sandbox-outcomes.ts: only …0002, …0003 and …0005 do not). */
const APPROVING_CODE = '134000000000000001';

export interface DriveJob {
  role: 'billing-bench-driver';
  url: string;
  mode: 'journeys' | 'bare';
  credentials: string[];
  accounts: { billerId: string; account: string }[];
  warmupS: number;
  durationS: number;
}

export interface DriveResult {
  /** Journeys (or bare requests) completed inside the measured window. */
  completed: number;
  /** Latencies in ms inside the window, by step (`bare` for the baseline's one request). */
  ms: Record<string, number[]>;
  errors: number;
  firstErrors: string[];
}

/** Runs `job` in a worker thread; resolves with what it measured. */
export function drive(job: Omit<DriveJob, 'role'>): Promise<DriveResult> {
  return new Promise((resolve, reject) => {
    // tsx's loader, which the tsx CLI registers in the main thread only, then this module.
    const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(import.meta.url)}); })`;
    const worker = new Worker(boot, { eval: true, workerData: { role: 'billing-bench-driver', ...job } });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => code !== 0 && reject(new Error(`bench driver exited with ${code}`)));
  });
}

/**
 * The driver: one loop per kiosk credential, each running journeys back to back over keep-alive
 * connections — lookup, quote every bill, pay by payment code with a fresh Idempotency-Key, and
 * follow the payment until it is paid or posted. In `bare` mode each loop POSTs one JSON body.
 */
async function runDriver(job: DriveJob): Promise<DriveResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: job.credentials.length });
  const base = new URL(job.url);
  const result: DriveResult = { completed: 0, ms: {}, errors: 0, firstErrors: [] };
  const t0 = performance.now();
  const from = t0 + job.warmupS * 1000;
  const until = from + job.durationS * 1000;
  const inWindow = (t: number) => t >= from && t <= until;
  let next = 0;

  const call = (credential: string, method: string, url: string, body?: unknown, key?: string) =>
    new Promise<{ status: number; json: Record<string, unknown> }>((resolve, reject) => {
      const text = body === undefined ? undefined : JSON.stringify(body);
      const req = http.request(
        {
          agent,
          host: base.hostname,
          port: base.port,
          method,
          path: url,
          headers: {
            authorization: `Bearer ${credential}`,
            ...(text
              ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }
              : {}),
            ...(key ? { 'idempotency-key': key } : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const raw = Buffer.concat(chunks).toString('utf8');
            try {
              resolve({ status: res.statusCode ?? 0, json: raw ? JSON.parse(raw) : {} });
            } catch {
              reject(new Error(`${method} ${url}: HTTP ${res.statusCode} not JSON: ${raw.slice(0, 120)}`));
            }
          });
        },
      );
      req.on('error', reject);
      req.end(text);
    });

  const timed = async <T>(step: string, work: () => Promise<T>): Promise<T> => {
    const s = performance.now();
    const out = await work();
    const e = performance.now();
    if (inWindow(e)) {
      result.ms[step] ??= [];
      result.ms[step].push(e - s);
    }
    return out;
  };
  const check = (step: string, r: { status: number; json: Record<string, unknown> }, status: number) => {
    if (r.status !== status)
      throw new Error(`${step}: HTTP ${r.status} ${JSON.stringify(r.json).slice(0, 160)}`);
    return r.json;
  };

  const journey = async (credential: string) => {
    const account = job.accounts[next++];
    if (!account) throw new Error('the bench ran out of payable accounts (raise BENCH_ACCOUNTS)');
    const api = '/api/v1/kiosk/billing';
    const found = check(
      'lookup',
      await timed('lookup', () => call(credential, 'POST', `${api}/lookup`, account)),
      200,
    ) as { accountToken: string; bills: { id: string }[] };
    if (found.bills.length === 0) throw new Error('lookup: nothing due');
    const quote = check(
      'quote',
      await timed('quote', () =>
        call(credential, 'POST', `${api}/quotes`, {
          accountToken: found.accountToken,
          billIds: found.bills.map((b) => b.id),
        }),
      ),
      201,
    ) as { id: string };
    let payment = check(
      'pay',
      await timed('pay', () =>
        call(
          credential,
          'POST',
          `${api}/payments`,
          { quoteId: quote.id, method: 'payment-code', paymentCode: APPROVING_CODE },
          randomUUID(),
        ),
      ),
      201,
    ) as { id: string; state: string };
    while (payment.state === 'created' || payment.state === 'authorizing') {
      await new Promise((r) => setTimeout(r, 20));
      payment = check('poll', await call(credential, 'GET', `${api}/payments/${payment.id}`), 200) as never;
    }
    if (payment.state !== 'paid' && payment.state !== 'posted')
      throw new Error(`pay: ended ${payment.state} (${JSON.stringify(payment).slice(0, 160)})`);
  };
  const bare = (credential: string) =>
    timed('bare', () =>
      call(credential, 'POST', '/api/v1/kiosk/billing/payments', { quoteId: randomUUID() }),
    ).then((r) => check('bare', r, 201));

  await Promise.all(
    job.credentials.map(async (credential) => {
      while (performance.now() < until) {
        try {
          await (job.mode === 'bare' ? bare(credential) : journey(credential));
          if (inWindow(performance.now())) result.completed++;
        } catch (err) {
          result.errors++;
          if (result.firstErrors.length < 5) result.firstErrors.push((err as Error).message);
          if ((err as Error).message.includes('ran out')) return;
        }
      }
    }),
  );
  agent.destroy();
  return result;
}

if (!isMainThread && (workerData as DriveJob | undefined)?.role === 'billing-bench-driver')
  parentPort?.postMessage(await runDriver(workerData as DriveJob));
