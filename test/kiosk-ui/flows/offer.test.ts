/** What the kiosk offers from the hub's and the devices' status (issue 6). */
import { describe, expect, it } from 'vitest';
import type { DeviceStatus } from '../../../kiosk-agent/api/contract.ts';
import { deviceOffer, printerCanPrint, serviceOffer } from '../../../kiosk-ui/src/flows/offer.ts';

const since = '2026-11-25T08:00:00.000Z';
const device = (name: DeviceStatus['device'], state: DeviceStatus['state'], detail = {}): DeviceStatus => ({
  device: name,
  state,
  detail,
  since,
});
const hubUp = { connected: true, since };
const allWorking = [
  device('printer', 'online', { paper: 'ok', cover: 'closed' }),
  device('card-reader', 'online'),
  device('scanner', 'online'),
  device('handset', 'online'),
  device('id-reader', 'busy'),
];

describe('device offer', () => {
  it('when every device works, then receipts are on paper and every way in is offered', () => {
    expect(deviceOffer(allWorking)).toEqual({
      receipt: 'paper',
      cardPayment: true,
      scanner: true,
      handset: true,
      idReader: true,
    });
  });

  it('when the printer is out of paper, has its cover open, is faulty or missing, then the receipt comes as a QR code', () => {
    for (const printer of [
      device('printer', 'online', { paper: 'out' }),
      device('printer', 'online', { cover: 'open' }),
      device('printer', 'fault', { paper: 'ok' }),
      device('printer', 'offline'),
    ]) {
      expect(printerCanPrint([printer])).toBe(false);
      expect(deviceOffer([printer]).receipt).toBe('qr');
    }
    expect(deviceOffer([device('card-reader', 'online')]).receipt).toBe('qr');
    expect(deviceOffer([device('printer', 'online', { paper: 'low' })]).receipt).toBe('paper');
  });

  it('when the card reader is offline or faulty, then card payment is not offered', () => {
    expect(deviceOffer([device('card-reader', 'offline')]).cardPayment).toBe(false);
    expect(deviceOffer([device('card-reader', 'fault')]).cardPayment).toBe(false);
    expect(deviceOffer([]).cardPayment).toBe(false);
  });
});

describe('service offer', () => {
  const payBill = { needs: { hub: true }, uses: { printer: true, cardReader: true } };

  it('when the hub and devices are fine, then the service is available with no caveats', () => {
    expect(serviceOffer(payBill, { hub: hubUp, devices: allWorking })).toEqual({
      available: true,
      notes: [],
    });
  });

  it('when the hub is unreachable, then a hub service is unavailable and says so; one without the hub stays', () => {
    const down = { connected: false, since, reason: 'timeout' };
    expect(serviceOffer(payBill, { hub: down, devices: allWorking })).toMatchObject({
      available: false,
      reasonKey: 'offer.hubDown',
    });
    expect(serviceOffer({ needs: { hub: false } }, { hub: down, devices: allWorking }).available).toBe(true);
  });

  it('when the agent is not connected, then nothing can start yet', () => {
    expect(serviceOffer({ needs: { hub: false } }, { hub: null, devices: [] })).toMatchObject({
      available: false,
      reasonKey: 'offer.kioskStarting',
    });
  });

  it('when a needed device is down, then the service is unavailable; a used one only adds a note', () => {
    const noIdReader = allWorking.filter((d) => d.device !== 'id-reader');
    expect(
      serviceOffer({ needs: { hub: true, devices: ['id-reader'] } }, { hub: hubUp, devices: noIdReader }),
    ).toMatchObject({ available: false, reasonKey: 'offer.deviceDown' });
    const paperOut = [device('printer', 'online', { paper: 'out' }), device('card-reader', 'offline')];
    expect(serviceOffer(payBill, { hub: hubUp, devices: paperOut })).toEqual({
      available: true,
      notes: ['offer.receiptAsQr', 'offer.noCardPayment'],
    });
  });
});
