import QRCode from 'qrcode';
import type { PrintedDocument, PrintedItem, PrintedStyle } from './printed-document.ts';

/**
 * A printed document as a picture of the receipt, for the rig page: HTML with
 * inline styles only (the page is self-contained), every text escaped, QR
 * codes drawn as inline SVG from their payload. Pure.
 */

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

const ECC_LEVEL = { L: 'low', M: 'medium', Q: 'quartile', H: 'high' } as const;

/** The QR symbol of `data` as SVG, one unit per module, with a two-module quiet zone. */
export function qrSvg(data: string, ecc: keyof typeof ECC_LEVEL, pixels: number): string {
  let qr: ReturnType<typeof QRCode.create>;
  try {
    qr = QRCode.create(data, { errorCorrectionLevel: ECC_LEVEL[ecc] });
  } catch {
    return `<div style="border:1px dashed #999;padding:4px">QR: ${escapeHtml(data)}</div>`;
  }
  const n = qr.modules.size;
  let path = '';
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) if (qr.modules.get(x, y)) path += `M${x + 2} ${y + 2}h1v1h-1z`;
  }
  const box = n + 4;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="QR: ${escapeHtml(data)}" ` +
    `width="${pixels}" height="${pixels}" viewBox="0 0 ${box} ${box}" shape-rendering="crispEdges">` +
    `<rect width="${box}" height="${box}" fill="#fff"/><path d="${path}" fill="#000"/></svg>`
  );
}

function styleOf({ bold, underline, size }: PrintedStyle): string {
  const css: string[] = [];
  if (bold) css.push('font-weight:700');
  if (underline) css.push('text-decoration:underline');
  if (size === 'double') css.push('font-size:2em');
  if (size === 'double-height') css.push('display:inline-block;transform:scaleY(2);margin:.5em 0');
  if (size === 'double-width')
    css.push('display:inline-block;font-size:2em;transform:scaleY(.5);margin:-.5em 0');
  return css.join(';');
}

function itemHtml(item: PrintedItem): string {
  switch (item.type) {
    case 'text': {
      const spans = item.spans ?? [item];
      const inner = spans
        .map((s) => `<span style="${styleOf(s)}">${escapeHtml(s.text) || '&nbsp;'}</span>`)
        .join('');
      return `<div style="text-align:${item.align};white-space:pre">${inner || '&nbsp;'}</div>`;
    }
    case 'feed':
      return `<div style="height:${item.lines * 1.25}em"></div>`;
    case 'qr':
      return `<div style="text-align:${item.align};margin:.4em 0">${qrSvg(item.data, item.ecc, Math.min(200, 24 * item.size + 40))}</div>`;
    case 'barcode':
      return `<div style="text-align:${item.align}">▌▌▍▌▍▍▌ ${escapeHtml(item.data)}</div>`;
    case 'image':
      return `<div style="text-align:${item.align};color:#777">[image, ${item.bytes} bytes]</div>`;
  }
}

/** One receipt: paper-coloured, the paper's width in columns, its lines, and how it ended. */
export function receiptHtml(doc: PrintedDocument): string {
  const ending = doc.interrupted
    ? `<div style="color:#b3261e;font-weight:700;border-top:2px dashed #b3261e;margin-top:.5em">stopped: ${doc.interrupted}</div>`
    : doc.cut
      ? `<div style="border-top:2px dashed #999;margin-top:.5em;font-size:.7em;color:#777">✂ ${doc.cut} cut</div>`
      : '';
  return (
    // The figure carries the monospace font, so its `ch` is one column of the paper.
    `<figure data-receipt="${doc.id}" style="margin:0 0 1rem;font:13px/1.25 ui-monospace,'Noto Sans Mono CJK SC','WenQuanYi Zen Hei Mono',monospace;width:calc(${doc.columns}ch + 2rem + 2px)">` +
    `<div style="background:#fffef8;border:1px solid #d9dee6;box-shadow:0 2px 6px rgb(0 0 0/12%);padding:1rem;color:#111">` +
    doc.items.map(itemHtml).join('') +
    ending +
    `</div><figcaption style="font:.75rem system-ui,sans-serif;color:#5b6677">#${doc.id} · ${escapeHtml(doc.printedAt)}</figcaption></figure>`
  );
}

/** Every receipt, newest first. */
export function receiptsHtml(docs: readonly PrintedDocument[]): string {
  if (!docs.length) return '<p style="color:#5b6677">Nothing printed yet.</p>';
  return [...docs].reverse().map(receiptHtml).join('');
}
