import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { DeviceDisconnectedError } from '../../../hardware/common/errors.ts';
import { NodeHidTransport } from '../../../hardware/common/hid-transport.ts';

const logger = pino({ level: 'silent' });

// There is no virtual HID device on this machine, so only the ways node-hid fails are tested here;
// the driver is tested through SocketHidTransport, which delivers the same report bytes.
describe('NodeHidTransport', () => {
  it('when the hidraw path does not exist, then open rejects with a DeviceDisconnectedError naming it', async () => {
    const transport = new NodeHidTransport({ target: { path: '/dev/tingzi-no-such-hidraw' }, logger });
    const failure = await transport.open().catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(DeviceDisconnectedError);
    expect(failure).toMatchObject({ code: 'deviceNotReady', disconnected: true });
    expect((failure as Error).message).toContain('/dev/tingzi-no-such-hidraw');
    expect(transport.isOpen).toBe(false);
  });

  it('when no device has the vendor and product id, then open rejects with a DeviceDisconnectedError', async () => {
    const transport = new NodeHidTransport({ target: { vendorId: 0x1209, productId: 0x7e1a }, logger });
    expect(transport.path).toBe('1209:7e1a');
    await expect(transport.open()).rejects.toBeInstanceOf(DeviceDisconnectedError);
  });

  it('when written to while closed, then it rejects with a DeviceDisconnectedError; close is a no-op', async () => {
    const transport = new NodeHidTransport({ target: { path: '/dev/tingzi-no-such-hidraw' }, logger });
    await expect(transport.write([0x02, 0x24, 0x00])).rejects.toBeInstanceOf(DeviceDisconnectedError);
    await expect(transport.close()).resolves.toBeUndefined();
  });
});
