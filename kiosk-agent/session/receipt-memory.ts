import type { PrintDocument } from '../../hardware/printer/print-document.ts';

/** The last document the printer confirmed, for "reprint the last receipt". */
export interface LastReceipt {
  document: PrintDocument;
  /** ISO time the printer confirmed it. */
  printedAt: string;
}

/**
 * Holds the last printed document for a short while (two minutes by default),
 * in memory only: a receipt carries a resident's business, so it is neither
 * written to disk nor kept once the reprint window has passed.
 */
export class ReceiptMemory {
  private last: { receipt: LastReceipt; at: number } | undefined;

  constructor(
    private readonly keepMs = 2 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  remember(document: PrintDocument, printedAt: string): void {
    this.last = { receipt: { document, printedAt }, at: this.now() };
  }

  /** The last printed document and when, or undefined when none was printed within the window. */
  lastReceipt(): LastReceipt | undefined {
    if (!this.last) return undefined;
    if (this.now() - this.last.at > this.keepMs) {
      this.last = undefined;
      return undefined;
    }
    return this.last.receipt;
  }
}
