/**
 * What a driver needs of the link to its device. `SerialTransport` is the real
 * one; a test may hand a driver any object of this shape (a scripted fake)
 * instead of mocking module paths.
 */
export interface TransportEvents {
  /** Bytes from the device, in the chunks the operating system delivered them. */
  data: [chunk: Buffer];
  open: [];
  /** `unexpected` is true when the port went away (tty removed, cable pulled), false after `close()`. */
  close: [unexpected: boolean];
}

export interface Transport {
  readonly path: string;
  readonly isOpen: boolean;
  /** Opens the link; rejects with `DeviceDisconnectedError` when the device is not there. */
  open(): Promise<void>;
  /** Closes the link; resolves also when it was not open. */
  close(): Promise<void>;
  /** Resolves once the bytes are handed to the operating system; rejects with `DeviceDisconnectedError` when closed. */
  write(bytes: Uint8Array): Promise<void>;
  on<K extends keyof TransportEvents>(event: K, listener: (...args: TransportEvents[K]) => void): unknown;
  off<K extends keyof TransportEvents>(event: K, listener: (...args: TransportEvents[K]) => void): unknown;
}
