/**
 * Typed device errors. `code` follows XFS4IoT completion codes so the agent can
 * pass it straight to the kiosk UI as a command's completion code.
 */
export type DeviceErrorCode =
  | 'timeOut'
  | 'deviceNotReady'
  | 'hardwareError'
  | 'invalidData'
  | 'canceled'
  | 'unsupportedCommand';

export class DeviceError extends Error {
  readonly code: DeviceErrorCode;
  /** True when the device (or its cable) went away; the driver will reconnect. */
  readonly disconnected: boolean;
  constructor(
    code: DeviceErrorCode,
    message: string,
    opts: { disconnected?: boolean; cause?: unknown } = {},
  ) {
    super(message, { cause: opts.cause });
    this.name = new.target.name;
    this.code = code;
    this.disconnected = opts.disconnected ?? false;
  }
}

export class DeviceTimeoutError extends DeviceError {
  constructor(command: string, timeoutMs: number) {
    super('timeOut', `${command}: no answer from the device within ${timeoutMs} ms`);
  }
}

export class DeviceDisconnectedError extends DeviceError {
  constructor(message: string, cause?: unknown) {
    super('deviceNotReady', message, { disconnected: true, cause });
  }
}

export class DeviceNotReadyError extends DeviceError {
  constructor(message: string) {
    super('deviceNotReady', message);
  }
}
