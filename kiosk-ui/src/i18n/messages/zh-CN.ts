/**
 * Simplified Chinese, the kiosk's default language. This file defines the set
 * of message keys; every other language must translate each one.
 * Wording is for residents, many of them elderly: short, plain, no jargon.
 */
import { billPaymentZhCN } from './bill-payment.zh-CN.ts';
import { componentsZhCN } from './components.zh-CN.ts';

export const zhCN = {
  ...componentsZhCN,
  ...billPaymentZhCN,
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

  'attract.touch': '请轻触屏幕开始',
  'attract.touchNote': '轻触屏幕任意位置即可开始办理',
  'attract.hl.hotline.title': '有问题，打 12345',
  'attract.hl.hotline.note': '市民服务热线，工作人员为您解答',
  'attract.hl.largeText.title': '字太小？可以放大',
  'attract.hl.largeText.note': '点屏幕下方的“大字”按钮',
  'attract.hl.language.title': '中文 · English',
  'attract.hl.language.note': '点屏幕下方的语言按钮切换',
  'attract.hl.privacy.title': '离开时自动清除您的信息',
  'attract.hl.privacy.note': '办完或长时间不操作，屏幕上的信息都会清除',
  'attract.highlights': '服务介绍',

  'controls.label': '常用按钮',
  'controls.language': 'English',
  'controls.languageLabel': '切换为英文 Switch to English',
  'controls.largeText': '大字',
  'controls.contrast': '高对比',
  'controls.help': '帮助',
  'controls.home': '首页',
  'controls.finish': '结束服务',

  'home.services': '请选择要办理的服务',
  'home.noServices': '服务正在陆续开通。现在需要帮助，请拨打 12345。',
  'home.unavailable': '暂停办理',

  'offer.receiptAsQr': '打印机缺纸，凭条以二维码提供',
  'offer.noCardPayment': '读卡器暂停使用，不能刷银行卡',
  'offer.kioskStarting': '服务亭正在准备，请稍候',
  'offer.hubDown': '暂时连不上服务中心，暂停办理',
  'offer.deviceDown': '所需设备暂时不能使用，暂停办理',

  'starting.title': '正在准备，请稍候…',

  'stillThere.title': '您还在吗？',
  'stillThere.note': '{seconds} 秒后将结束服务，并清除您的信息。',
  'stillThere.continue': '继续使用',
  'stillThere.finish': '结束服务',

  'farewell.title': '谢谢使用，再见',
  'farewell.note': '您的信息已全部清除。',
  'farewell.idle': '因为较长时间没有操作，本次服务已结束。',
  'farewell.again': '重新开始',

  'help.title': '需要帮助吗？',
  'help.call': '请拨打 12345 市民服务热线，工作人员会帮您办理。',
  'help.howTo': '轻触屏幕上的大按钮即可操作。不想办了，点“结束服务”，您的信息会清除。',
  'help.callNow': '呼叫人工服务',
  'help.close': '知道了',

  'announce.home': '已进入首页，请选择服务',
  'announce.attract': '请轻触屏幕开始',
  'announce.farewell': '服务已结束，信息已清除',
  'announce.stillThere': '您还在吗？{seconds} 秒后将结束服务',

  'guide.title': '使用指南',
  'guide.note': '第一次用？一分钟学会怎么操作',
  'guide.step.touch': '轻触',
  'guide.step.controls': '常用按钮',
  'guide.step.privacy': '信息安全',
  'guide.step.help': '找人帮忙',
  'guide.touch.title': '用一根手指，轻轻点一下',
  'guide.touch.text': '不用用力按，也不用按住。看到大按钮，轻轻点一下就行。现在试一试：',
  'guide.touch.try': '点我试试',
  'guide.touch.welldone': '很好！就是这样',
  'guide.controls.title': '屏幕最下面的按钮，一直都在',
  'guide.controls.text': '不管在哪一步，屏幕最下面都有这几个按钮：',
  'guide.controls.language': '“English”：换成英文；再点一次换回中文。',
  'guide.controls.largeText': '“大字”：字变大，看得更清楚。',
  'guide.controls.contrast': '“高对比”：黑白分明，更容易看。',
  'guide.controls.help': '“帮助”：告诉您怎样找人帮忙。',
  'guide.privacy.title': '您的信息不会留在这里',
  'guide.privacy.text':
    '办完后点“结束服务”，您输入的信息会全部清除。如果一分钟没有操作，屏幕会问“您还在吗？”，再过20秒也会自动清除。',
  'guide.help.title': '不会操作？随时找人帮忙',
  'guide.help.text': '拨打市民服务热线 12345，工作人员会帮您。',
  'guide.back': '上一步',
  'guide.next': '下一步',
  'guide.done': '学会了',
  'guide.close': '返回',
} as const;

/** Every message key the kiosk UI may show. */
export type MessageKey = keyof typeof zhCN;
