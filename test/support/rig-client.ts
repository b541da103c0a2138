import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { type Rig, startRig } from '../../hardware/rig/rig.ts';
import type { RigDeviceSpec } from '../../hardware/rig/rig-device-spec.ts';

/** What a rig action answers: the device, or the error envelope. */
export interface RigReply {
  device: { sim: Record<string, unknown> };
  error?: { code: string; message: string };
}

export interface TestRig {
  rig: Rig;
  /** Where the rig put its ttys and sockets (`<runDir>/<device>`). */
  runDir: string;
  /** Closes the rig and removes `runDir`; stop your driver first. */
  close(): Promise<void>;
}

/** Starts the rig on a free port with only `devices`, in a fresh temp dir, silently. */
export async function startTestRig(devices: readonly RigDeviceSpec[]): Promise<TestRig> {
  const runDir = await mkdtemp(join(tmpdir(), 'tingzi-rig-'));
  try {
    const rig = await startRig({ port: 0, runDir, logger: pino({ level: 'silent' }), devices });
    return {
      rig,
      runDir,
      async close() {
        await rig.close();
        await rm(runDir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await rm(runDir, { recursive: true, force: true });
    throw err;
  }
}

/** POSTs `body` as JSON to the rig API (`<rig>/api/<path>`); the reply is not checked, so a test can assert on errors. */
export async function post<T = RigReply>(
  rig: Rig,
  path: string,
  body: unknown = {},
): Promise<{ status: number; json: T }> {
  const res = await fetch(`${rig.url}api/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as T };
}

/** GETs `<rig>/api/<path>` and parses the JSON, whatever the status. */
export async function getJson<T = unknown>(rig: Rig, path: string): Promise<{ status: number; json: T }> {
  const res = await fetch(`${rig.url}api/${path}`);
  return { status: res.status, json: (await res.json()) as T };
}
