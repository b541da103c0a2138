import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { maskDeep, maskText } from './mask-personal-data.ts';

export interface AgentLoggerOptions {
  /** `info` unless `LOG_LEVEL` says otherwise. */
  level?: string;
  /** Where the JSON lines go: stdout (journald under systemd) by default. */
  destination?: DestinationStream;
}

/**
 * The agent's logger: JSON lines, one per event, with a resident's personal data masked in
 * every field, every child binding and every message, whatever module logged it (an ID number,
 * card number, mobile number or a name never reaches the journal in clear).
 */
export function createAgentLogger(opts: AgentLoggerOptions = {}): Logger {
  const options: LoggerOptions = {
    name: 'agent',
    level: opts.level ?? process.env.LOG_LEVEL ?? 'info',
    formatters: {
      bindings: (bindings) => maskDeep(bindings) as Record<string, unknown>,
      log: (object) => maskDeep(object) as Record<string, unknown>,
    },
    hooks: {
      logMethod(args, method) {
        const masked = args.map((a) => (typeof a === 'string' ? maskText(a) : a));
        return method.apply(this, masked as Parameters<typeof method>);
      },
    },
  };
  return maskChildBindings(opts.destination ? pino(options, opts.destination) : pino(options));
}

/** pino runs `formatters.bindings` on the root's bindings only, so each child's are masked here. */
function maskChildBindings(logger: Logger): Logger {
  const child = logger.child.bind(logger);
  const masked = (bindings: pino.Bindings, childOptions?: pino.ChildLoggerOptions): Logger =>
    maskChildBindings(child(maskDeep(bindings) as pino.Bindings, childOptions));
  logger.child = masked as unknown as Logger['child'];
  return logger;
}
