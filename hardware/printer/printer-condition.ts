import type { DeviceState } from '../common/device-status.ts';
import type {
  ErrorCauseFlags,
  OfflineCauseFlags,
  PrinterStatusFlags,
  RollPaperFlags,
} from './printer-status.frame.ts';

export type PaperLevel = 'ok' | 'low' | 'out';
export type CoverState = 'open' | 'closed';
/** The `DLE EOT 3` error causes, by name. */
export type PrinterErrorKind = 'autocutter' | 'unrecoverable' | 'auto-recoverable';
/** Why a printer is `offline` (or `busy`), for a maintainer. */
export type PrinterOfflineReason =
  | 'not-started'
  | 'stopped'
  | 'port-unavailable'
  | 'no-answer'
  | 'printer-offline'
  | 'feeding'
  /** `busy` while the driver sends a print job and waits for the printer to confirm it. */
  | 'printing';

/** `DeviceStatus.detail` of the printer. */
export interface PrinterDetail {
  paper: PaperLevel;
  cover: CoverState;
  /** The printer's own online bit (`DLE EOT 1`, bit 3 off); false while unreachable. */
  online: boolean;
  /** Set when the printer flags an error (`DLE EOT 2` bit 6); 'unknown' when `DLE EOT 3` names none. */
  error?: PrinterErrorKind | 'unknown';
  /** Set when `state` is 'offline' or 'busy'. */
  reason?: PrinterOfflineReason;
}

/** One poll's worth of answers. `errorCause` is asked for only when `offlineCause.error` is set. */
export interface PrinterReplies {
  printer: PrinterStatusFlags;
  offlineCause: OfflineCauseFlags;
  rollPaper: RollPaperFlags;
  errorCause?: ErrorCauseFlags;
}

/** Names the error `DLE EOT 3` reports, the most serious first. */
function errorKind(cause: ErrorCauseFlags | undefined): PrinterErrorKind | 'unknown' {
  if (cause?.unrecoverableError) return 'unrecoverable';
  if (cause?.autocutterError) return 'autocutter';
  if (cause?.autoRecoverableError) return 'auto-recoverable';
  return 'unknown';
}

/**
 * The printer's condition from its real-time status answers. Paper out, cover
 * open or a flagged error are a `fault` (the kiosk must not offer printing);
 * paper near-end stays `online` with `paper: 'low'` so a maintainer is told in time.
 */
export function conditionFromReplies(replies: PrinterReplies): { state: DeviceState; detail: PrinterDetail } {
  const { printer, offlineCause, rollPaper, errorCause } = replies;
  const paper: PaperLevel =
    rollPaper.paperEnd || offlineCause.paperEndStop ? 'out' : rollPaper.nearEnd ? 'low' : 'ok';
  const detail: PrinterDetail = {
    paper,
    cover: offlineCause.coverOpen ? 'open' : 'closed',
    online: !printer.offline,
  };
  if (offlineCause.error) detail.error = errorKind(errorCause);
  if (paper === 'out' || detail.cover === 'open' || detail.error) return { state: 'fault', detail };
  if (printer.offline) {
    // The FEED button takes the printer offline only while it feeds (offline cause bit 3).
    const feeding = offlineCause.feedButton;
    return {
      state: feeding ? 'busy' : 'offline',
      detail: { ...detail, reason: feeding ? 'feeding' : 'printer-offline' },
    };
  }
  return { state: 'online', detail };
}
