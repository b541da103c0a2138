/**
 * Words of the design system's components (`components/<name>/`), in Chinese.
 * Spread into the zh-CN catalog; kept apart so the catalog stays readable.
 * Short and plain: many residents are elderly and read slowly.
 */
export const componentsZhCN = {
  'ds.keypad.delete': '删除',
  'ds.keypad.clear': '清空',
  'ds.keypad.ok': '确定',
  'ds.keypad.space': '空格',
  'ds.keypad.entered': '已输入 {count} 位',
  'ds.keypad.empty': '还没有输入',
  'ds.steps.count': '第 {current} 步，共 {total} 步',
  'ds.steps.done': '（已完成）',
  'ds.page.previous': '上一页',
  'ds.page.next': '下一页',
  'ds.page.count': '第 {page}/{pages} 页',
  'ds.page.nav': '翻页',
  'ds.progress.percent': '已完成 {percent}%',
  'ds.progress.wait': '请稍候',
  'ds.error.retry': '重试',
  'ds.error.back': '返回',
  'ds.error.help': '呼叫帮助',
  'ds.qr.loading': '二维码生成中',
} as const;
