import { Router } from 'express';

/** `GET /api/v1/health` → `{ status: 'ok', version }`: a contract outside checks rely on. */
export function healthRoutes(version: string): Router {
  const router = Router();
  router.get('/health', (_req, res) => {
    res.json({ status: 'ok', version });
  });
  return router;
}
