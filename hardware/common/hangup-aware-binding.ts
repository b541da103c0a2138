import { read } from 'node:fs';
import { promisify } from 'node:util';
import { SerialPort } from 'serialport';

const readAsync = promisify(read);

/*
 * The binding contract of @serialport/bindings-interface, restated: that package's types do not
 * resolve under this project's "Bundler" module resolution, so `serialport`'s binding types are `any`.
 */
type OpenOptions = { path: string; baudRate: number } & Record<string, unknown>;
interface BindingPort {
  readonly openOptions: Required<OpenOptions>;
  readonly isOpen: boolean;
  close(): Promise<void>;
  read(buffer: Buffer, offset: number, length: number): Promise<{ buffer: Buffer; bytesRead: number }>;
  write(buffer: Buffer): Promise<void>;
  update(options: { baudRate: number }): Promise<void>;
  set(options: Record<string, boolean | undefined>): Promise<void>;
  get(): Promise<{ cts: boolean; dsr: boolean; dcd: boolean }>;
  getBaudRate(): Promise<{ baudRate: number }>;
  flush(): Promise<void>;
  drain(): Promise<void>;
}
interface Binding {
  list(): Promise<{ path: string }[]>;
  open(options: OpenOptions): Promise<BindingPort>;
}

/** What bindings-cpp's Linux and Darwin ports expose besides the interface: the fd and a libuv poller. */
interface UnixPort extends BindingPort {
  fd: number | null;
  poller: { once(event: 'readable', callback: (err: Error | null) => void): unknown };
}

function isUnixPort(port: BindingPort): port is UnixPort {
  const candidate = port as Partial<UnixPort>;
  return 'fd' in candidate && typeof candidate.poller?.once === 'function';
}

/** An error the stream takes as "closed on purpose" (BindingPort.read contract). */
function canceled(): Error {
  return Object.assign(new Error('Port is not open'), { canceled: true });
}

/**
 * A port whose read treats end-of-file as a hangup. bindings-cpp 13's
 * `unixRead` (`dist/unix-read.js`) retries a 0-byte read at once, but a tty
 * whose other side hung up (a pty whose socat died, a modem line dropped)
 * reads 0 forever: the stream spins a CPU core and never emits `close`.
 * Since bindings-cpp opens the port with VMIN = 1, a 0-byte read happens only
 * on hangup, so here it is a disconnect.
 */
class HangupAwarePort implements BindingPort {
  constructor(private readonly inner: BindingPort) {}

  get openOptions(): Required<OpenOptions> {
    return this.inner.openOptions;
  }
  get isOpen(): boolean {
    return this.inner.isOpen;
  }

  async read(buffer: Buffer, offset: number, length: number): Promise<{ buffer: Buffer; bytesRead: number }> {
    const port = this.inner;
    if (!isUnixPort(port)) return port.read(buffer, offset, length);
    for (;;) {
      if (!port.isOpen || port.fd === null) throw canceled();
      try {
        const { bytesRead } = await readAsync(port.fd, buffer, offset, length, null);
        if (bytesRead === 0)
          throw Object.assign(new Error('the other side hung up (EOF)'), { disconnect: true });
        return { buffer, bytesRead };
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code !== 'EAGAIN' && code !== 'EWOULDBLOCK' && code !== 'EINTR') throw err;
        if (!port.isOpen) throw canceled();
        await new Promise<void>((resolve, reject) =>
          port.poller.once('readable', (pollErr) => (pollErr ? reject(pollErr) : resolve())),
        );
      }
    }
  }

  close(): Promise<void> {
    return this.inner.close();
  }
  write(buffer: Buffer): Promise<void> {
    return this.inner.write(buffer);
  }
  update(options: { baudRate: number }): Promise<void> {
    return this.inner.update(options);
  }
  set(options: Record<string, boolean | undefined>): Promise<void> {
    return this.inner.set(options);
  }
  get(): Promise<{ cts: boolean; dsr: boolean; dcd: boolean }> {
    return this.inner.get();
  }
  getBaudRate(): Promise<{ baudRate: number }> {
    return this.inner.getBaudRate();
  }
  flush(): Promise<void> {
    return this.inner.flush();
  }
  drain(): Promise<void> {
    return this.inner.drain();
  }
}

const detected: Binding = SerialPort.binding;

/** The platform binding `serialport` detected, with hangup-aware reads. */
export const hangupAwareBinding: Binding = {
  list: () => detected.list(),
  open: async (options) => new HangupAwarePort(await detected.open(options)),
};
