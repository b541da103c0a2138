/**
 * The agent as a process, the way systemd runs it: a bad config stops it at once with a message
 * naming the field (and exit code 1), before it opens any port or device.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-dir.ts';

const ROOT = new URL('../..', import.meta.url).pathname;
let temp: { dir: string; remove(): void } | undefined;
afterEach(() => temp?.remove());

function runAgent(config: unknown): Promise<{ code: number | null; stderr: string }> {
  temp = tempDir();
  const file = path.join(temp.dir, 'agent.json');
  writeFileSync(file, typeof config === 'string' ? config : JSON.stringify(config));
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'kiosk-agent/main.ts')], {
      cwd: ROOT,
      env: { ...process.env, AGENT_CONFIG: file, AGENT_PORT: '0' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('exit', (code) => resolve({ code, stderr }));
  });
}

const good = {
  kiosk: {
    id: 'gl-dongjie-01',
    name: '鼓楼区东街口社区服务亭',
    address: '福州市鼓楼区东街街道东街口',
    district: '鼓楼区',
    coordinates: { latitude: 26.0866, longitude: 119.2978 },
  },
  hub: { url: 'http://127.0.0.1:9' },
  devices: {},
};

describe('the agent process with a bad config', () => {
  it('when a field is wrong, then it exits 1 naming the field and what it must be', async () => {
    const { code, stderr } = await runAgent({
      ...good,
      devices: { printer: { transport: 'serial', path: '/dev/ttyUSB0', baudRate: -5 } },
    });
    expect(code).toBe(1);
    expect(stderr).toMatch(/devices\.printer\.baudRate/);
  }, 30_000);

  it('when a key is misspelt, then it is refused rather than ignored', async () => {
    const { code, stderr } = await runAgent({
      ...good,
      hub: { url: 'http://127.0.0.1:9', heartbeatSecs: 5 },
    });
    expect(code).toBe(1);
    expect(stderr).toMatch(/heartbeatSecs/);
  }, 30_000);

  it('when the file is not JSON, then it says so', async () => {
    const { code, stderr } = await runAgent('{ "kiosk": ');
    expect(code).toBe(1);
    expect(stderr).toMatch(/not valid JSON/);
  }, 30_000);
});
