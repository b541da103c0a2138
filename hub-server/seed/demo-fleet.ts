import type { KioskRecord } from '../modules/fleet/fleet.store.ts';

/** The kiosk `npm start` runs with the simulated hardware rig. */
export const DEMO_KIOSK = {
  id: 'gl-dongjie-01',
  name: '鼓楼区东街口社区服务亭',
  address: '福州市鼓楼区东街街道东街口',
  district: '鼓楼区',
  timeZone: 'Asia/Shanghai',
  latitude: 26.0866,
  longitude: 119.2978,
} as const;

/** The demo kiosk as its agent's config names it (`kiosk` in kiosk-agent/config/agent-config.ts). */
export const DEMO_KIOSK_AGENT_IDENTITY = {
  id: DEMO_KIOSK.id,
  name: DEMO_KIOSK.name,
  address: DEMO_KIOSK.address,
  district: DEMO_KIOSK.district,
  timeZone: DEMO_KIOSK.timeZone,
  coordinates: { latitude: DEMO_KIOSK.latitude, longitude: DEMO_KIOSK.longitude },
};

/** The demo fleet seeded on a hub's first run, so nothing a person opens is empty. */
export const DEMO_FLEET: Omit<KioskRecord, 'createdAt'>[] = [
  DEMO_KIOSK,
  {
    id: 'gl-aofeng-02',
    name: '鳌峰新村社区服务亭',
    address: '福州市鼓楼区五一北路鳌峰新村',
    district: '鼓楼区',
    latitude: 26.0801,
    longitude: 119.3075,
  },
  {
    id: 'tj-shangxiahang-01',
    name: '上下杭社区服务亭',
    address: '福州市台江区上下杭历史文化街区',
    district: '台江区',
    latitude: 26.0548,
    longitude: 119.2979,
  },
  {
    id: 'cs-jinshan-01',
    name: '金山社区服务亭',
    address: '福州市仓山区金山街道金祥路',
    district: '仓山区',
    latitude: 26.0433,
    longitude: 119.2687,
  },
  {
    id: 'ja-wangzhuang-01',
    name: '王庄社区服务亭',
    address: '福州市晋安区王庄街道福新中路',
    district: '晋安区',
    latitude: 26.0821,
    longitude: 119.3258,
  },
];
