import { type AgentConfig, parseAgentConfig } from '../../kiosk-agent/config/agent-config.ts';

/**
 * A valid agent config for tests: kiosk `kioskId`, a hub nobody answers at (port 9), no devices;
 * `extra` replaces top-level sections (hub, devices, browser, …). Goes through the real validation.
 */
export function testAgentConfig(kioskId: string, extra: Record<string, unknown> = {}): AgentConfig {
  return parseAgentConfig({
    kiosk: {
      id: kioskId,
      name: '测试亭',
      address: '测试路 1 号',
      district: '鼓楼区',
      coordinates: { latitude: 26, longitude: 119 },
    },
    hub: { url: 'http://127.0.0.1:9' },
    devices: {},
    ...extra,
  });
}
