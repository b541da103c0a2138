import type { ZodError } from 'zod';
import { DeviceError } from '../../hardware/common/errors.ts';
import { PrintJobError } from '../../hardware/printer/print-job.ts';
import type { CommandResult, CompletionCode } from './contract.ts';

/** A command's answer: its HTTP status and the body (always a CommandResult). */
export interface CommandOutcome {
  status: number;
  body: CommandResult;
}

/** HTTP status per completion code: the body says the same, the status lets plain tools see it. */
const HTTP_STATUS: Record<CompletionCode, number> = {
  success: 200,
  invalidData: 400,
  canceled: 409,
  deviceNotReady: 503,
  hardwareError: 503,
  timeOut: 504,
};

/** Builds an outcome from a completion code and the rest of the body. */
export function outcome(
  requestId: string,
  completionCode: CompletionCode,
  rest: Omit<CommandResult, 'requestId' | 'completionCode'> = {},
): CommandOutcome {
  return { status: HTTP_STATUS[completionCode], body: { requestId, completionCode, ...rest } };
}

/** invalidData naming the first offending field, e.g. `lines.0.text`. */
export function invalidBody(requestId: string, error: ZodError): CommandOutcome {
  const issue = error.issues.map(deepest)[0];
  const field = issue?.path.map(String).join('.') || undefined;
  return outcome(requestId, 'invalidData', {
    error: 'invalid-body',
    ...(field ? { field } : {}),
    message: issue ? `${field ?? 'body'}: ${issue.message}` : 'invalid body',
  });
}

/**
 * Maps what a driver threw to a completion code (hardware/common/errors.ts
 * codes are XFS4IoT's already; `unsupportedCommand` is a request this device
 * cannot take, so invalidData). The message is the driver's, which names the
 * command and the condition but never personal data.
 */
export function fromError(requestId: string, err: unknown): CommandOutcome {
  if (err instanceof DeviceError) {
    const code: CompletionCode = err.code === 'unsupportedCommand' ? 'invalidData' : err.code;
    const error =
      err instanceof PrintJobError ? err.reason : err.disconnected ? 'disconnected' : kebab(err.name);
    return outcome(requestId, code, { error, message: err.message });
  }
  return outcome(requestId, 'hardwareError', {
    error: 'unexpected',
    message: err instanceof Error ? err.message : String(err),
  });
}

type Issue = ZodError['issues'][number];

/**
 * A union (a print line is text, rule, QR or feed) reports one issue list per
 * member; the member that got furthest into the value names the field best.
 */
function deepest(issue: Issue): Issue {
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return issue;
  let best: Issue | undefined;
  for (const branch of issue.errors) {
    for (const inner of branch) {
      const candidate = deepest({ ...inner, path: [...issue.path, ...inner.path] } as Issue);
      if (!best || candidate.path.length > best.path.length) best = candidate;
    }
  }
  return best ?? issue;
}

function kebab(name: string): string {
  return name
    .replace(/Error$/, '')
    .replace(/([a-z])([A-Z])/g, '$1-$2')
    .toLowerCase();
}
