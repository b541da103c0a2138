import { chmod, mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

const credentialFile = z.object({
  kioskId: z.string().min(1),
  credential: z.string().min(16),
  enrolledAt: z.string(),
});
export type StoredCredential = z.infer<typeof credentialFile>;

/**
 * The kiosk's hub credential, in `<stateDir>/credential.json` with mode 0600 (only the agent's
 * user can read it). Written to a temporary file and renamed, so a power cut never leaves half a file.
 */
export class CredentialStore {
  readonly file: string;

  constructor(stateDir: string) {
    this.file = path.join(stateDir, 'credential.json');
  }

  /** The stored credential, or undefined when there is none (or it is unreadable: enroll again). */
  async load(): Promise<StoredCredential | undefined> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch {
      return undefined;
    }
    try {
      return credentialFile.parse(JSON.parse(text));
    } catch {
      return undefined;
    }
  }

  async save(c: StoredCredential): Promise<void> {
    await mkdir(path.dirname(this.file), { recursive: true, mode: 0o700 });
    const tmp = `${this.file}.${process.pid}.tmp`;
    await writeFile(tmp, `${JSON.stringify(c)}\n`, { mode: 0o600 });
    await chmod(tmp, 0o600);
    await rename(tmp, this.file);
  }

  /** Forgets a credential the hub has revoked. */
  async clear(): Promise<void> {
    await unlink(this.file).catch(() => {});
  }
}
