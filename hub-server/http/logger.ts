import pino, { type DestinationStream, type Logger } from 'pino';
import { maskCard, maskIdNumber, maskName, maskPhone } from './mask.ts';

export { maskCard, maskIdNumber, maskName, maskPhone } from './mask.ts';

/** Keys whose value is a secret: replaced whole. */
const SECRET_KEYS = ['password', 'newPassword', 'credential', 'token', 'secret', 'cookie', 'authorization'];
/** Keys whose value is a resident's personal data: masked so records stay tellable apart. */
const PERSONAL_MASKS: Record<string, (v: string) => string> = {
  idNumber: maskIdNumber,
  phone: maskPhone,
  mobile: maskPhone,
  cardNumber: maskCard,
  pan: maskCard,
};
/** Objects whose `name` is a person's name (a kiosk's or biller's name stays readable). */
const PERSON_OBJECTS = ['person', 'resident', 'citizen', 'patient', 'caller', 'applicant', 'user'];

/** The key at the top level and up to two objects deep: `k`, `*.k`, `*.*.k`. */
function atDepths(key: string): string[] {
  return [key, `*.${key}`, `*.*.${key}`];
}

/** Every pino redact path the hub masks; exported so a test can prove the list. */
export const REDACT_PATHS: readonly string[] = [
  ...[...SECRET_KEYS, ...Object.keys(PERSONAL_MASKS)].flatMap(atDepths),
  ...PERSON_OBJECTS.flatMap((o) => [`${o}.name`, `*.${o}.name`]),
];

function censor(value: unknown, path: string[]): unknown {
  const key = path[path.length - 1] ?? '';
  if (typeof value !== 'string') return value == null ? value : '[Redacted]';
  if (key === 'name') return maskName(value);
  const mask = PERSONAL_MASKS[key];
  return mask ? mask(value) : '[Redacted]';
}

export interface LoggerOptions {
  /** The service name on every line, e.g. `hub`. */
  name?: string;
  /** pino level; `silent` in tests. */
  level?: pino.LevelWithSilent;
  /** Where lines go; stdout by default. Tests pass a stream and read it back. */
  destination?: DestinationStream;
}

/**
 * The hub's pino logger. Personal data under well-known keys is masked and secrets are
 * replaced before a line is written; text inside a message string is not inspected, so
 * never interpolate a resident's data into a message: pass it as a field.
 */
export function createLogger({ name = 'hub', level = 'info', destination }: LoggerOptions = {}): Logger {
  const options: pino.LoggerOptions = { name, level, redact: { paths: [...REDACT_PATHS], censor } };
  return destination ? pino(options, destination) : pino(options);
}
