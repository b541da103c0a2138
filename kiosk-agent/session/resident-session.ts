import { randomBytes, randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Track2 } from '../../hardware/card-reader/track2.ts';
import type { IdCardForScreen, SessionEndReason } from '../api/contract.ts';

/** What one resident session holds; all of it is forgotten when the session ends. */
interface SessionState {
  id: string;
  /** Cards read in this session, by the opaque token the screen got instead of the PAN. */
  cards: Map<string, Track2>;
  /** Command outcomes by request id, so a double tap gets the first answer instead of a second run. */
  results: Map<string, Promise<unknown>>;
  idCard: IdCardForScreen | undefined;
}

export interface ResidentSessionDeps {
  logger: Logger;
  /** Puts the devices back for the next resident (card out, scanner off, ringer off); never rejects. */
  resetDevices(): Promise<void>;
  onStarted(sessionId: string): void;
  onEnded(sessionId: string, reason: SessionEndReason): void;
}

/** A session keeps at most this many remembered results; a resident never taps that often. */
const MAX_RESULTS = 500;

/**
 * The one resident session at a time: its id (the capability every device
 * command must show), the card tokens and ID data read during it, and the
 * results of its commands by request id. Starting a session ends the one
 * before; ending resets the devices, forgets everything and rotates the id.
 */
export class ResidentSession {
  private state: SessionState | undefined;
  /** Start and end take turns, so a reset never overlaps the next session's start. */
  private turn: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: ResidentSessionDeps) {}

  /** The current session's id, if one is active. */
  get id(): string | undefined {
    return this.state?.id;
  }

  isCurrent(sessionId: string | undefined): boolean {
    return sessionId !== undefined && this.state?.id === sessionId;
  }

  /** Ends any session still active (as cancelled) and starts a new one. */
  start(): Promise<string> {
    return this.take(async () => {
      if (this.state) await this.finish('cancelled');
      const id = randomUUID();
      this.state = { id, cards: new Map(), results: new Map(), idCard: undefined };
      this.deps.logger.info({ sessionId: id }, 'resident session started');
      this.deps.onStarted(id);
      return id;
    });
  }

  /** Ends the current session; resolves with its id, or undefined when none was active. */
  end(reason: SessionEndReason): Promise<string | undefined> {
    return this.take(async () => (this.state ? this.finish(reason) : undefined));
  }

  /** Keeps a card read in this session and returns the token that stands for it. */
  keepCard(sessionId: string, track: Track2): string | undefined {
    if (!this.isCurrent(sessionId)) return undefined;
    const token = `card_${randomBytes(18).toString('base64url')}`;
    this.state!.cards.set(token, track);
    return token;
  }

  /** The card a token stands for, while its session lasts (for the payment flow: "the card in the reader"). */
  cardByToken(sessionId: string, token: string): Track2 | undefined {
    return this.isCurrent(sessionId) ? this.state!.cards.get(token) : undefined;
  }

  /** Notes the ID card read in this session (forgotten at its end). */
  keepIdCard(card: IdCardForScreen): void {
    if (this.state) this.state.idCard = card;
  }

  /** The ID card read last in this session. */
  idCard(sessionId: string): IdCardForScreen | undefined {
    return this.isCurrent(sessionId) ? this.state!.idCard : undefined;
  }

  /**
   * Runs a command once per request id within the session: a repeat (even a
   * concurrent one) gets the first run's promise.
   */
  once<T>(sessionId: string, requestId: string, run: () => Promise<T>): Promise<T> {
    const state = this.state;
    if (!state || state.id !== sessionId) return run();
    const known = state.results.get(requestId);
    if (known) return known as Promise<T>;
    const result = run();
    if (state.results.size >= MAX_RESULTS) state.results.delete(state.results.keys().next().value!);
    state.results.set(requestId, result);
    return result;
  }

  private async finish(reason: SessionEndReason): Promise<string> {
    const { id } = this.state!;
    // Refuse the ended session's commands at once; the devices are reset after.
    this.state = undefined;
    await this.deps.resetDevices();
    this.deps.logger.info({ sessionId: id, reason }, 'resident session ended');
    this.deps.onEnded(id, reason);
    return id;
  }

  private take<T>(task: () => Promise<T>): Promise<T> {
    const next = this.turn.then(task, task);
    this.turn = next.catch(() => {});
    return next;
  }
}
