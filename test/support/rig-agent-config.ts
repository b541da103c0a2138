import type { Rig } from '../../hardware/rig/rig.ts';
import { DEMO_KIOSK_AGENT_IDENTITY } from '../../hub-server/seed/demo-fleet.ts';

/**
 * The demo kiosk's agent config (raw, before parseAgentConfig) with every device on the rig's pty
 * or socket, talking to `hubUrl`; the test drives its own Chromium, so the agent supervises none.
 */
export function rigAgentConfig(hubUrl: string, rig: Rig) {
  const devices = Object.fromEntries(
    rig
      .devices()
      .map((d) =>
        'transport' in d
          ? [d.device, { transport: 'hid-socket', socket: d.socket, profile: d.sim.profile }]
          : [d.device, { transport: 'serial', path: d.tty, baudRate: d.baudRate }],
      ),
  );
  return {
    kiosk: DEMO_KIOSK_AGENT_IDENTITY,
    hub: { url: hubUrl, heartbeatSeconds: 5 },
    browser: { enabled: false },
    devices,
  };
}
