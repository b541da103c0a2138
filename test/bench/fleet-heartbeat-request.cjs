'use strict';
// autocannon setupRequest for the fleet benchmark (a plain CommonJS file, so an
// autocannon worker thread can require it): each request is one heartbeat from
// the next of 10,000 kiosks, with that kiosk's own bearer credential (the
// bench stores sha256 of `bench-credential-<i>` for kiosk `bench-<i>`).
const KIOSKS = 10000;
let n = Math.floor(Math.random() * KIOSKS);

module.exports = (req) => {
  const i = n++ % KIOSKS;
  const body = JSON.stringify({
    agentVersion: '1.4.0',
    uptimeSec: 3600 + i,
    screen: 'home',
    lastTransactionAt: null,
    freeDiskBytes: 20 * 1024 ** 3,
    devices: [
      { name: 'printer', kind: 'printer', state: 'ok', detail: { paper: i % 50 === 0 ? 'low' : 'ok' } },
      { name: 'card-reader', kind: 'card-reader', state: 'ok' },
      { name: 'id-reader', kind: 'id-reader', state: 'ok' },
    ],
  });
  return {
    ...req,
    headers: { 'content-type': 'application/json', authorization: `Bearer bench-credential-${i}` },
    body,
  };
};
