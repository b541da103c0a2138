import { z } from 'zod';

/** One item of a kiosk's outbox batch. */
export const outboxItemSchema = z
  .object({
    /** The agent's id for the item: the hub stores each id once per kiosk. */
    id: z.string().min(1).max(128),
    kind: z.enum(['telemetry', 'journal']),
    at: z.string().min(1).max(40),
    body: z.unknown(),
  })
  .strict();

/** `POST /api/v1/kiosk/outbox` */
export const outboxBatchSchema = z.object({ items: z.array(outboxItemSchema).min(1).max(500) }).strict();

export type OutboxBatch = z.infer<typeof outboxBatchSchema>;
