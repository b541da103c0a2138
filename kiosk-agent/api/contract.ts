/**
 * The kiosk agent's local API contract: what `GET /agent/status` answers and
 * what `WS /agent/events` pushes. kiosk-ui imports these types (types only).
 */
import type { DeviceStatus } from '../../hardware/common/device-status.ts';

export type { DeviceStatus };

export interface KioskIdentity {
  id: string;
  name: string;
  address: string;
  /** IANA time zone the kiosk's clock shows, e.g. `Asia/Shanghai`. */
  timeZone: string;
}

export interface HubConnectivity {
  connected: boolean;
  /** ISO time of the last change of `connected`. */
  since: string;
  /** Why the hub is unreachable, in words for a maintainer (absent when connected). */
  reason?: string;
}

/** Out of service for maintenance: the kiosk screen shows only that, its id and the hotline. */
export interface MaintenanceState {
  on: boolean;
  /** ISO time of the last switch. */
  since: string;
}

/** Whether this kiosk holds a working hub credential (the enrollment), for maintainers. */
export interface HubLinkState {
  enrollment: 'enrolled' | 'not-enrolled' | 'revoked';
  /** Why it is not enrolled, in words for a maintainer. */
  reason?: string;
  /** ISO time of the last heartbeat the hub accepted. */
  lastHeartbeatAt: string | null;
}

/** `GET /agent/status` */
export interface AgentStatus {
  kioskId: string;
  kiosk: KioskIdentity;
  hub: HubConnectivity;
  link: HubLinkState;
  maintenance: MaintenanceState;
  devices: DeviceStatus[];
  version: string;
  uptimeSeconds: number;
  /** The money/booking/case journal: intents still being resolved with the hub after a crash or a lost answer. */
  journal?: JournalStatus;
}

/** While `blocked`, the `/hub/*` proxy refuses new money, booking and case steps (503 `journal-unresolved`). */
export interface JournalStatus {
  /** Intents whose outcome is still being asked of the hub. */
  unresolved: number;
  blocked: boolean;
}

/** Every message on `WS /agent/events` is one of these, JSON-encoded. */
export type AgentEvent =
  /** First message after connecting: the whole picture. */
  | { type: 'agent.hello'; status: AgentStatus }
  | { type: 'device.status'; status: DeviceStatus }
  | { type: 'hub.status'; hub: HubConnectivity }
  | { type: 'maintenance'; maintenance: MaintenanceState }
  /** Something happened at a device (card in, handset lifted, …); see DeviceEvent. */
  | { type: 'device.event'; event: DeviceEvent }
  /**
   * A resident ID card was read. Personal data: sent only while a resident
   * session is active, and only to that session's sockets.
   */
  | { type: 'id.card.read'; sessionId: string; card: IdCardForScreen }
  /** A resident session began (`POST /agent/session/start`); the screen's sockets now belong to it. */
  | { type: 'session.started'; sessionId: string }
  /** The session ended: devices are reset and everything personal the agent held for it is forgotten. */
  | { type: 'session.ended'; sessionId: string; reason: SessionEndReason };

/**
 * Device happenings the screen reacts to, one member per kind. Scans carry
 * their text (a payment code is a bearer token): like ID card reads they go
 * only to the current session's sockets and are dropped outside a session.
 */
export type DeviceEvent =
  | { device: 'card-reader'; kind: 'cardInserted'; card: 'magnetic' | 'ic' | 'unknown' }
  /** Gone without an eject (taken back at the gate). */
  | { device: 'card-reader'; kind: 'cardRemoved' }
  /** Taken from the gate after an eject. */
  | { device: 'card-reader'; kind: 'cardTaken' }
  | { device: 'card-reader'; kind: 'cardRetained'; reason: 'requested' | 'notTaken' }
  | { device: 'id-reader'; kind: 'idCardRemoved' }
  | { device: 'scanner'; kind: 'scan'; text: string; at: string }
  | { device: 'handset'; kind: 'hookOff' }
  | { device: 'handset'; kind: 'hookOn' }
  | { device: 'handset'; kind: 'key'; key: string };

/** The resident's ID card as the screen gets it: what booking flows need, no photo, no address. */
export interface IdCardForScreen {
  name: string;
  idNumber: string;
  sex: 'male' | 'female' | 'unspecified';
  /** YYYYMMDD. */
  birthDate: string;
  /** YYYYMMDD or 长期. */
  validUntil: string;
  expired: boolean;
  checkDigitValid: boolean;
}

/** Why a resident session ended. */
export type SessionEndReason = 'done' | 'cancelled' | 'idle';

/** XFS4IoT-style completion of a device command. */
export type CompletionCode =
  | 'success'
  | 'canceled'
  | 'deviceNotReady'
  | 'hardwareError'
  | 'timeOut'
  | 'invalidData';

/**
 * The body of every `POST /agent/devices/<device>/<command>` answer, whatever
 * its HTTP status (200 success, 400 invalidData, 409 canceled, 503
 * deviceNotReady/hardwareError, 504 timeOut).
 */
export interface CommandResult {
  /** The caller's `x-request-id` (or body `requestId`), echoed. */
  requestId: string;
  completionCode: CompletionCode;
  /** A stable kebab-case reason when not success: `session-ended`, `paper-out`, `invalid-body`, … */
  error?: string;
  /** The offending field for invalidData (`lines.0.text`, `requestId`). */
  field?: string;
  /** Words for a maintainer; never personal data. */
  message?: string;
  /** `card-reader/read`: the card, its PAN masked; `token` stands for it within the session. */
  card?: CardForScreen;
  /** `id-reader/read`: the card on the reader, or null when none could be read. */
  idCard?: IdCardForScreen | null;
  /** `printer/print`: when the printer confirmed the job. */
  printedAt?: string;
  /** `POST /agent/receipts/payment`: this payment's receipt had printed before, so it was not printed again. */
  alreadyPrinted?: boolean;
}

/** A bank card read from track 2: the PAN never leaves the agent; the token names it for later commands. */
export type CardForScreen =
  | { source: 'track2'; maskedPan: string; expiry: string; token: string }
  /** The social-security card's holder, read from its chip (shown to the resident for confirmation). */
  | { source: 'social-security'; name: string; idNumber: string };

/** `POST /agent/session/start` answers this. */
export interface SessionStarted {
  sessionId: string;
}

/** Messages the kiosk screen sends to its agent on the same socket. */
export type ScreenMessage =
  /** The screen now showing (`home`, `out-of-service`, …), for the heartbeat. */
  | { type: 'ui.screen'; screen: string }
  /** A socket opened during a session joins it (it knows the id from `session/start`), e.g. after a reconnect. */
  | { type: 'ui.session'; sessionId: string };
