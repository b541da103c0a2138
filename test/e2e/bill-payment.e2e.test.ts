/**
 * Bill payment end to end (issue 7), as a resident does it: taps in the kiosk page in Chromium
 * (portrait 1080 × 1920), the paper bill and the card given to the simulated hardware on the rig,
 * a phone paying the QR code on the sandbox's payer page, a real hub on a sqlite file and the
 * real agent. Each test asserts on what really happened: the hub's payment and its events, what
 * the gateway charged, what came out of the rig's printer, and what the screen says. Screens not
 * covered by the flow's fixture test are checked (fit, axe) and saved in both orientations to
 * docs/screenshots/kiosk-bill-*-{landscape,portrait}.png.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'puppeteer-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { billerById } from '../../hub-server/modules/billing/billers.ts';
import { encodeBillBarcode } from '../../hub-server/modules/billing/domain.ts';
import { qrSvg } from '../../kiosk-ui/src/components/qr-display/qr-matrix.ts';
import { fitProblems } from '../kiosk-ui/shell/shell-page.ts';
import { axeViolations } from '../support/axe.ts';
import {
  type BillPaymentKiosk,
  billScreen,
  receiptText,
  startBillPaymentKiosk,
  tap,
  typeOnKeypad,
} from '../support/bill-payment-kiosk.ts';
import { until } from '../support/until.ts';

const SCREENSHOTS = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
const PORTRAIT = { width: 1080, height: 1920, deviceScaleFactor: 1 };
const LANDSCAPE = { width: 1920, height: 1080, deviceScaleFactor: 1 };
const PHONE = { width: 390, height: 844, deviceScaleFactor: 1 };
/** The sandbox's approved UnionPay card on the rig (…0123). */
const APPROVED_CARD = 'unionpay';

let k: BillPaymentKiosk;
let page: Page;
/** Fit and axe problems of the screens a test looked at; each test ends with none. */
let problems: string[];

beforeAll(async () => {
  k = await startBillPaymentKiosk();
}, 180_000);

afterAll(async () => {
  await k?.close();
});

beforeEach(async () => {
  problems = [];
  page = await k.browser.newPage();
  await page.setViewport(PORTRAIT);
  await page.emulateTimezone('Asia/Shanghai');
  await page.emulateMediaFeatures([{ name: 'prefers-reduced-motion', value: 'reduce' }]);
});

afterEach(async () => {
  await page?.close();
});

/** Checks the screen as it is now (fit, axe) and saves it as docs/screenshots/kiosk-bill-<name>-portrait.png. */
async function look(name: string): Promise<void> {
  // The kiosk's panel is mounted either way: each screen is checked and saved in both.
  for (const [orientation, viewport] of [
    ['landscape', LANDSCAPE],
    ['portrait', PORTRAIT],
  ] as const) {
    await page.setViewport(viewport);
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    await page.evaluate(
      () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
    );
    const where = `${name} (${orientation})`;
    problems.push(...(await fitProblems(page)).map((p) => `${where}: ${p}`));
    problems.push(...(await axeViolations(page)).map((v) => `${where}: ${v}`));
    await page.screenshot({
      path: path.join(SCREENSHOTS, `kiosk-bill-${name}-${orientation}.png`) as `${string}.png`,
    });
  }
}

/** A resident walks up, touches the screen and taps 生活缴费. */
async function startPaying(): Promise<void> {
  await page.goto(k.agent.url, { waitUntil: 'load' });
  await tap(page, '[data-action="start"]');
  await page.waitForSelector('[data-screen="home"]');
  await tap(page, '[data-service="bill-payment"][data-available="yes"]');
  await billScreen(page, 'kind');
}

/** Chooses the kind (and the biller when the kind has several), types the account and looks it up. */
async function typeAccount(kind: string, billerId: string, account: string): Promise<void> {
  // The kinds come a page at a time, the most paid first.
  for (let i = 0; i < 3 && !(await page.$(`[data-kind="${kind}"]`)); i++)
    await tap(page, '[data-action="page-next"]');
  await tap(page, `[data-kind="${kind}"]`);
  await page.waitForSelector('[data-bill-screen="biller"], [data-bill-screen="account"]');
  if (await page.$('[data-bill-screen="biller"]')) await tap(page, `[data-action="biller-${billerId}"]`);
  await billScreen(page, 'account');
  await typeOnKeypad(page, account);
  await tap(page, '[data-action="look-up"]');
  await billScreen(page, 'bills');
}

/** All bills (preselected) → the quote → confirmed → the way to pay; answers the quoted total. */
async function toMethod(): Promise<number> {
  await tap(page, '[data-action="next"]');
  await billScreen(page, 'quote');
  const total = Number(
    await page.$eval('[data-bill-screen] [data-amount]', (el) => el.getAttribute('data-amount')),
  );
  await tap(page, '[data-action="confirm-quote"]');
  await billScreen(page, 'method');
  return total;
}

/** The payment this kiosk made last, once the hub has one newer than `before`. */
async function newPayment(before: number) {
  return until(
    async () => {
      const all = await k.payments();
      return all.length > before ? all[0] : undefined;
    },
    15_000,
    'a new payment on the hub',
  );
}

/** A resident's phone opens the QR code's payer page and presses Pay; answers the page's outcome. */
async function phonePays(url: string): Promise<string> {
  const phone = await k.browser.newPage();
  try {
    await phone.setViewport(PHONE);
    await phone.goto(url, { waitUntil: 'load' });
    await Promise.all([phone.waitForNavigation(), phone.click('button[type="submit"]')]);
    return await phone.$eval('[data-outcome]', (el) => el.getAttribute('data-outcome') ?? '');
  } finally {
    await phone.close();
  }
}

/** What came out of the printer after `before` documents, waiting for `count` of them. */
async function newPrints(before: number, count = 1) {
  return until(
    async () => {
      const all = await k.printed();
      return all.length >= before + count ? all.slice(before) : undefined;
    },
    20_000,
    `${count} new printed document(s)`,
  );
}

/** The hub's own account of a payment: its states in order, and the gateway's charges. */
async function history(id: string) {
  const events = await k.events(id);
  return { states: events.map((e) => e.to_state), charges: k.gateway.chargesFor(id) };
}

const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;
/** The receipt's text with its line breaks removed, so a reference folded over lines is found whole. */
const flat = (text: string) => text.replace(/\n/g, '');

describe('a resident pays a bill at the kiosk (issue 7)', () => {
  it('when a water bill is scanned and paid by QR on a phone, then the rig’s printer holds its receipt with the amount and reference, charged once and posted', async () => {
    const account = '3501234567';
    await startPaying();
    await until(
      async () => (await k.rigState('scanner')).trigger === 'on' || undefined,
      5_000,
      'the scanner on',
    );
    const barcode = encodeBillBarcode(billerById('fz-water')!.code, account);
    await k.rigAction('scanner', 'scan', { text: barcode });

    await billScreen(page, 'bills');
    expect(await page.$$eval('[data-bill][aria-checked="true"]', (rows) => rows.length)).toBe(3);
    await look('scanned-bills');
    const total = await toMethod();
    expect(await page.$('[data-receipt="paper"]')).not.toBeNull();
    const before = (await k.payments()).length;
    const printedBefore = (await k.printed()).length;
    await tap(page, '[data-method="qr"]');

    await billScreen(page, 'pay-qr');
    await page.waitForSelector('[data-qr="ready"]');
    const payment = await newPayment(before);
    expect(payment).toMatchObject({ state: 'awaiting_payer', method: 'qr', total_fen: total });
    const qr = (await k.hub.db.get<{ qr_content: string }>('SELECT qr_content FROM payments WHERE id = ?', [
      payment.id,
    ]))!.qr_content;
    expect(qr).toBe(`${k.hub.url}/sandbox/gateway/pay/${payment.id}`);
    // The code on the screen is the payer page's address, module for module.
    const shown = await page.$eval('[data-qr="ready"] svg path:last-of-type', (el) => el.getAttribute('d'));
    expect(shown).toBe(/fill="#000000" d="([^"]+)"/.exec(qrSvg(qr))?.[1]);

    // A slow biller: the screen waits, says so, and lets nobody leave while money moves.
    k.biller.faults.delayMs = 4_000;
    try {
      expect(await phonePays(qr)).toBe('paid');
      await billScreen(page, 'waiting');
      expect(await page.$('[data-action="finish"]')).toBeNull();
      await page.waitForFunction(() => document.body.textContent?.includes('钱已收到，正在交给福州水务入账'));
      await look('waiting');
      await billScreen(page, 'done', 30_000);
    } finally {
      k.biller.faults.delayMs = 0;
    }

    const [receipt] = await newPrints(printedBefore);
    const posted = await k.payment(payment.id);
    const text = receiptText(receipt!);
    expect(posted).toMatchObject({ state: 'posted', total_fen: total });
    expect(text).toContain(yuan(total));
    expect(flat(text)).toContain(posted.id);
    expect(text).toContain(posted.gateway_ref!);
    expect(text).toContain('已入账 POSTED');
    expect(text).toContain('福州水务');
    // As lines, so a failure shows the whole receipt.
    expect(text.split('\n')).toContain(`[QR ${k.hub.url}/r/${posted.receipt_token}]`);
    expect(text).not.toContain(account);
    expect(receipt!.interrupted).toBeUndefined();
    expect(await page.$eval('[data-transaction]', (el) => el.getAttribute('data-transaction'))).toBe(
      posted.id,
    );
    expect(await page.$eval('[data-bill-screen] [data-amount]', (el) => el.getAttribute('data-amount'))).toBe(
      String(total),
    );
    expect(await history(posted.id)).toEqual({
      states: ['created', 'awaiting_payer', 'paid', 'posting', 'posted'],
      charges: 1,
    });

    // "Print it again" within two minutes: the same receipt, marked as a reprint.
    await tap(page, '[data-action="reprint"]');
    await page.waitForSelector('[data-reprint="done"]');
    const [reprint] = await newPrints(printedBefore + 1);
    expect(receiptText(reprint!)).toContain('补打凭条 REPRINT');
    expect(flat(receiptText(reprint!))).toContain(posted.id);
    expect(await page.$('[data-action="reprint"]')).toBeNull();
    await look('reprinted');

    await tap(page, '[data-action="finish"]');
    await page.waitForSelector('[data-screen="farewell"]');
    expect(problems).toEqual([]);
  }, 150_000);

  it('when the card is declined, then the screen says so clearly, the card comes back and nothing is charged', async () => {
    await startPaying();
    await typeAccount('electricity', 'sgcc-fz', '0512345678');
    await toMethod();
    const before = (await k.payments()).length;
    const printedBefore = (await k.printed()).length;
    await tap(page, '[data-method="card"]');
    await billScreen(page, 'pay-card');
    await until(
      async () => (await k.rigState('card-reader')).entry === 'enabled' || undefined,
      5_000,
      'the slot open',
    );
    await look('pay-card');
    await k.rigAction('card-reader', 'insert', { card: 'declined' });

    await billScreen(page, 'failed', 30_000);
    const message = await page.$eval('[data-bill-screen]', (el) => el.textContent ?? '');
    expect(message).toContain('银行卡付款被拒绝，没有扣钱');
    expect(await page.$eval('[data-reason]', (el) => el.getAttribute('data-reason'))).toBe('card-declined');
    await until(
      async () => (await k.rigState('card-reader')).position === 'gate' || undefined,
      10_000,
      'the card out',
    );
    await look('declined');

    const payment = await newPayment(before);
    expect(payment).toMatchObject({ state: 'failed', reason: 'card-declined', gateway_ref: null });
    expect(await history(payment.id)).toEqual({ states: ['created', 'authorizing', 'failed'], charges: 0 });
    expect(await k.printed()).toHaveLength(printedBefore);
    await k.rigAction('card-reader', 'remove');
    await tap(page, '[data-action="leave"]');
    await page.waitForSelector('[data-screen="home"]');
    expect(problems).toEqual([]);
  }, 120_000);

  it('when the payer presses Pay on two phones at once, then the money is taken once and one receipt prints', async () => {
    await startPaying();
    await typeAccount('water', 'cl-water', '350182001');
    const total = await toMethod();
    const before = (await k.payments()).length;
    const printedBefore = (await k.printed()).length;
    await tap(page, '[data-method="qr"]');
    await page.waitForSelector('[data-qr="ready"]');
    const payment = await newPayment(before);
    const url = `${k.hub.url}/sandbox/gateway/pay/${payment.id}`;

    const outcomes = await Promise.all([phonePays(url), phonePays(url)]);
    expect(outcomes.sort()).toEqual(['already-paid', 'paid']);
    await billScreen(page, 'done', 30_000);
    await newPrints(printedBefore);
    // Whatever else might still come, give it time to: nothing more prints.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(await k.printed()).toHaveLength(printedBefore + 1);
    expect(await k.payment(payment.id)).toMatchObject({ state: 'posted', total_fen: total });
    expect(await history(payment.id)).toEqual({
      states: ['created', 'awaiting_payer', 'paid', 'posting', 'posted'],
      charges: 1,
    });
    await tap(page, '[data-action="finish"]');
    await page.waitForSelector('[data-screen="farewell"]');
  }, 120_000);

  it('when the gateway’s signed notification reaches the hub twice, then the payment is paid, posted and printed once', async () => {
    await startPaying();
    await typeAccount('gas', 'kunlun-fz', '591000123');
    await toMethod();
    const before = (await k.payments()).length;
    const printedBefore = (await k.printed()).length;
    await tap(page, '[data-method="qr"]');
    await page.waitForSelector('[data-qr="ready"]');
    const payment = await newPayment(before);
    const deliveries = k.gateway.notifier.deliveries.length;
    k.gateway.notifier.next('duplicate');

    expect(await phonePays(`${k.hub.url}/sandbox/gateway/pay/${payment.id}`)).toBe('paid');
    await billScreen(page, 'done', 30_000);
    await newPrints(printedBefore);
    // The same signed notice delivered twice, both accepted (200) and neither charging nor posting again.
    expect(k.gateway.notifier.deliveries.slice(deliveries)).toEqual([200, 200]);
    expect(await history(payment.id)).toEqual({
      states: ['created', 'awaiting_payer', 'paid', 'posting', 'posted'],
      charges: 1,
    });
    expect(await k.printed()).toHaveLength(printedBefore + 1);
    await tap(page, '[data-action="finish"]');
    await page.waitForSelector('[data-screen="farewell"]');
  }, 120_000);

  it('when the printer is out of paper, then the screen says so before paying and shows the e-receipt QR instead', async () => {
    await k.rigAction('printer', 'paper', { level: 'out' });
    try {
      await k.paperIs('out');
      await startPaying();
      await typeAccount('heating', 'rongcheng-heat', '41000123');
      const total = await toMethod();
      expect(await page.$eval('[data-receipt]', (el) => el.getAttribute('data-receipt'))).toBe('qr');
      const before = (await k.payments()).length;
      const printedBefore = (await k.printed()).length;
      await tap(page, '[data-method="payment-code"]');
      await billScreen(page, 'pay-code');
      await until(
        async () => (await k.rigState('scanner')).trigger === 'on' || undefined,
        5_000,
        'the scanner on',
      );
      await look('pay-code');
      // The resident shows the wallet's payment code to the scanner (the sandbox approves …0001).
      await k.rigAction('scanner', 'scan', { text: '134000000000000001' });

      await billScreen(page, 'e-receipt', 30_000);
      await page.waitForSelector('[data-qr="ready"]');
      const payment = await newPayment(before);
      const posted = await k.payment(payment.id);
      expect(posted).toMatchObject({ state: 'posted', method: 'payment-code', total_fen: total });
      const receiptUrl = `${k.hub.url}/r/${posted.receipt_token}`;
      const shown = await page.$eval('[data-qr="ready"] svg path:last-of-type', (el) => el.getAttribute('d'));
      expect(shown).toBe(/fill="#000000" d="([^"]+)"/.exec(qrSvg(receiptUrl))?.[1]);
      expect(await page.$eval('[data-receipt]', (el) => el.textContent)).toContain(
        '请用手机扫码保存电子收据',
      );
      // The code's page is the e-receipt, with the amount paid.
      const eReceipt = await fetch(receiptUrl);
      expect(eReceipt.status).toBe(200);
      expect(await eReceipt.text()).toContain((total / 100).toFixed(2));
      expect(await k.printed()).toHaveLength(printedBefore);
      await look('e-receipt-no-paper');
      await tap(page, '[data-action="finish"]');
      await page.waitForSelector('[data-screen="farewell"]');
    } finally {
      await k.rigAction('printer', 'paper', { level: 'ok' });
      await k.paperIs('ok');
    }
    expect(problems).toEqual([]);
  }, 120_000);

  it('when the receipt jams part-way through printing, then the screen says it did not print and shows the e-receipt QR', async () => {
    await startPaying();
    await typeAccount('sanitation', 'fz-sanitation', '1010012345');
    await toMethod();
    expect(await page.$('[data-receipt="paper"]')).not.toBeNull();
    const printedBefore = (await k.printed()).length;
    await k.rigAction('printer', 'jam', { afterLines: 2 });
    try {
      await tap(page, '[data-method="payment-code"]');
      await billScreen(page, 'pay-code');
      await until(
        async () => (await k.rigState('scanner')).trigger === 'on' || undefined,
        5_000,
        'the scanner on',
      );
      await k.rigAction('scanner', 'scan', { text: '134000000000000001' });

      await billScreen(page, 'e-receipt', 30_000);
      await page.waitForSelector('[data-qr="ready"]');
      expect(await page.$eval('[data-receipt]', (el) => el.textContent)).toContain('收据没有打印出来');
      const [jammed] = await newPrints(printedBefore);
      expect(jammed!.interrupted).toBe('jam');
      await look('print-failed');
      await tap(page, '[data-action="finish"]');
      await page.waitForSelector('[data-screen="farewell"]');
    } finally {
      await k.rigAction('printer', 'error', { error: null });
      await until(
        () => k.agent.status().devices.find((d) => d.device === 'printer')?.state === 'online' || undefined,
        10_000,
        'the printer online again',
      );
    }
    expect(problems).toEqual([]);
  }, 120_000);

  it('when the biller refuses the posting for good, then the money is refunded, the screen says so and the refund receipt prints', async () => {
    await startPaying();
    await typeAccount('water', 'fz-water', '3509999999');
    const total = await toMethod();
    const before = (await k.payments()).length;
    const printedBefore = (await k.printed()).length;
    await tap(page, '[data-method="card"]');
    await billScreen(page, 'pay-card');
    await until(
      async () => (await k.rigState('card-reader')).entry === 'enabled' || undefined,
      5_000,
      'the slot open',
    );
    await k.rigAction('card-reader', 'insert', { card: APPROVED_CARD });

    await billScreen(page, 'refunded', 30_000);
    const screen = await page.$eval('[data-bill-screen]', (el) => el.textContent ?? '');
    expect(screen).toContain('没有缴上，钱已经退回');
    expect(screen).toContain('福州水务没能入账');
    expect(screen).toContain('请取走退款凭条');
    expect(await page.$eval('[data-bill-screen] [data-amount]', (el) => el.getAttribute('data-amount'))).toBe(
      String(total),
    );
    const payment = await newPayment(before);
    const refunded = await k.payment(payment.id);
    expect(refunded).toMatchObject({ state: 'refunded', reason: 'posting-failed' });
    expect(refunded.refund_ref).toEqual(expect.any(String));
    expect(await history(payment.id)).toEqual({
      states: ['created', 'authorizing', 'paid', 'posting', 'refunding', 'refunded'],
      charges: 1,
    });
    const [receipt] = await newPrints(printedBefore);
    const text = receiptText(receipt!);
    expect(text).toContain('已退款 REFUNDED');
    expect(text).toContain(yuan(total));
    expect(flat(text)).toContain(payment.id);
    await until(
      async () => (await k.rigState('card-reader')).position === 'gate' || undefined,
      10_000,
      'the card out',
    );
    await look('refunded');
    await k.rigAction('card-reader', 'remove');
    await tap(page, '[data-action="finish"]');
    await page.waitForSelector('[data-screen="farewell"]');
    expect(problems).toEqual([]);
  }, 120_000);

  it('when all of this was logged, then no account number, card number or payment code is in the hub’s or the agent’s log in clear', () => {
    const log = k.logLines.join('\n');
    expect(log.length).toBeGreaterThan(0);
    for (const secret of [
      '3501234567',
      '0512345678',
      '3509999999',
      '6222020000000002',
      '6222021234567890123',
      '134000000000000001',
    ])
      expect(log, secret).not.toContain(secret);
  });
});
