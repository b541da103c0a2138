import { randomUUID } from 'node:crypto';
import type { PrintDocument, PrintLine } from '../../hardware/printer/print-document.ts';
import type { CommandResult } from '../hub/hub-link.ts';
import type { LastReceipt } from '../session/receipt-memory.ts';

/** The part of the printer driver a reprint needs. */
export interface ReceiptPrinter {
  print(document: PrintDocument, opts: { jobId: string }): Promise<unknown>;
}

/** The same receipt, marked as a reprint at the top so it is never taken for a second payment. */
export function reprintOf(document: PrintDocument): PrintDocument {
  const mark: PrintLine[] = [{ text: '补打凭条 REPRINT', align: 'center', bold: true }, { rule: 'single' }];
  return { ...document, lines: [...mark, ...document.lines].slice(0, 500) };
}

/**
 * `reprint-last-receipt` for a kiosk with a printer: prints the last receipt of the last two
 * minutes again, or says why not (none that recent, or the printer's own refusal).
 */
export function reprinter(
  printer: ReceiptPrinter | undefined,
  lastReceipt: () => LastReceipt | undefined,
): (() => Promise<CommandResult>) | undefined {
  if (!printer) return undefined;
  return async () => {
    const last = lastReceipt();
    if (!last) return { ok: false, message: 'no receipt was printed in the last two minutes' };
    try {
      await printer.print(reprintOf(last.document), { jobId: `reprint-${randomUUID()}` });
      return { ok: true, message: `reprinted the receipt printed at ${last.printedAt}` };
    } catch (err) {
      const e = err as Error & { code?: string };
      return { ok: false, message: `the printer refused: ${e.code ?? 'error'}: ${e.message}` };
    }
  };
}
