/**
 * The agent as its own process, like `node --import tsx kiosk-agent/main.ts` (same env:
 * AGENT_CONFIG, AGENT_PORT, AGENT_ENROLLMENT_CODE), plus AGENT_TEST_DELIVERY: JSON
 * DeliveryOptions, so a test can journal a route that exists on today's hub (screenshots)
 * and shorten the retry delays. Used by tests that kill it with SIGKILL.
 */
import path from 'node:path';
import pino from 'pino';
import { loadAgentConfig } from '../../kiosk-agent/config/agent-config.ts';
import { startAgent } from '../../kiosk-agent/main.ts';

const configFile = path.resolve(process.env.AGENT_CONFIG ?? 'data/agent/config.json');
const agent = await startAgent({
  config: await loadAgentConfig(configFile),
  logger: pino({ level: process.env.AGENT_LOG_LEVEL ?? 'warn' }),
  port: Number(process.env.AGENT_PORT ?? 0),
  stateDir: path.dirname(configFile),
  enrollmentCode: process.env.AGENT_ENROLLMENT_CODE || undefined,
  delivery: JSON.parse(process.env.AGENT_TEST_DELIVERY ?? '{}'),
});
process.send?.({ ready: 'agent', url: agent.url, port: agent.port });
const stop = async () => {
  await agent.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('disconnect', stop);
