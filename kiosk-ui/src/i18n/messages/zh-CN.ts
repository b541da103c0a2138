/**
 * Simplified Chinese, the kiosk's default language. This file defines the set
 * of message keys; every other language must translate each one.
 * Wording is for residents, many of them elderly: short, plain, no jargon.
 */
export const zhCN = {
  'app.title': '亭子 · 社区便民服务亭',
  'brand.mark': '亭',
  'brand.name': '亭子',
  'brand.latin': 'Tingzi',

  'clock.lunar': '农历{date}',

  'home.welcome': '欢迎使用社区便民服务亭',
  'home.welcomeNote': '缴费、挂号、诉求查询等服务即将在这里开通',
  'home.kioskId': '终端编号 {id}',
  'home.version': '软件版本 {version}',

  'outOfService.title': '本服务亭暂停服务',
  'outOfService.note': '工作人员正在维护，请稍后再来，或前往附近的服务亭。',
  'outOfService.kioskId': '终端编号 {id}',

  'hotline.prompt': '需要帮助？请拨打',
  'hotline.name': '市民服务热线',

  'link.connecting': '正在连接…',
  'link.connectingNote': '服务亭正在准备，请稍候',

  'hub.title': '服务中心',
  'hub.connected': '已连接服务中心',
  'hub.disconnected': '服务中心暂时无法连接',
  'hub.reason.unreachable': '网络连接中断，正在自动重连',
  'hub.reason.timeout': '服务中心响应较慢，正在自动重连',
  'hub.reason.error': '服务中心暂时出现问题，正在自动重连',
  'hub.reason.unknown': '正在自动重连，请稍候',

  'devices.title': '设备状态',
  'devices.live': '状态实时更新',
  'devices.empty': '暂无设备信息',

  'device.printer': '凭条打印机',
  'device.card-reader': '银行卡读卡器',
  'device.id-reader': '身份证阅读器',
  'device.scanner': '扫码器',
  'device.handset': '电话听筒',

  'deviceState.online': '正常',
  'deviceState.offline': '离线',
  'deviceState.fault': '故障',
  'deviceState.busy': '使用中',

  'printer.paperOk': '纸张正常',
  'printer.paperLow': '纸张将尽',
  'printer.paperOut': '缺纸',
  'printer.coverOpen': '盖子打开',
} as const;

/** Every message key the kiosk UI may show. */
export type MessageKey = keyof typeof zhCN;
