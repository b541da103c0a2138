import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { ZodError } from 'zod';

/** An error that maps to one HTTP status and a stable kebab-case code. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** 404 in the one envelope for any route nobody claimed. */
export const notFound: RequestHandler = (req, _res, next) => {
  next(new HttpError(404, 'not-found', `No route for ${req.method} ${req.path}`));
};

/** The one error middleware: every error leaves as `{ error: { code, message } }`. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    let status = 500;
    let code = 'internal-error';
    let message = 'Something went wrong on the hub; it has been logged.';
    if (err instanceof HttpError) {
      ({ status, code, message } = err);
    } else if (err instanceof ZodError) {
      status = 400;
      code = 'invalid-request';
      message = err.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');
    } else if (err?.type === 'entity.parse.failed') {
      status = 400;
      code = 'invalid-json';
      message = 'The request body is not valid JSON.';
    } else if (err?.type === 'entity.too.large') {
      // body-parser's limit (256 kB of JSON, 6 MB of screenshot): the body was never read whole.
      status = 413;
      code = 'body-too-large';
      message = `The request body is larger than the ${err.limit ?? 'allowed'} bytes this route takes.`;
    } else {
      logger.error({ err, method: req.method, path: req.path }, 'unhandled error');
    }
    res.status(status).json({ error: { code, message } });
  };
}
