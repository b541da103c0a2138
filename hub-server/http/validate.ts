import type { Request } from 'express';
import type { z } from 'zod';

/*
 * Zod at the edge: each helper returns the parsed value or throws the ZodError that
 * `errorHandler` turns into 400 `invalid-request`.
 */

/** The JSON body, parsed by `schema`. */
export function parseBody<S extends z.ZodType>(schema: S, req: Request): z.output<S> {
  return schema.parse(req.body ?? {});
}

/** The route parameters (`/:id`), parsed by `schema`. */
export function parseParams<S extends z.ZodType>(schema: S, req: Request): z.output<S> {
  return schema.parse(req.params);
}

/** The query string, parsed by `schema` (values arrive as strings: use `z.coerce` for numbers). */
export function parseQuery<S extends z.ZodType>(schema: S, req: Request): z.output<S> {
  return schema.parse(req.query);
}
