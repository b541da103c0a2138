/** Gallery harnesses for the components that show things or ask a question. */
import { useState } from 'preact/hooks';
import { AmountDisplay } from '../../../kiosk-ui/src/components/amount-display/index.tsx';
import { BigButton } from '../../../kiosk-ui/src/components/big-button/index.tsx';
import { Dialog } from '../../../kiosk-ui/src/components/dialog/index.tsx';
import { ErrorPanel } from '../../../kiosk-ui/src/components/error-panel/index.tsx';
import { Progress } from '../../../kiosk-ui/src/components/progress/index.tsx';
import { QrDisplay } from '../../../kiosk-ui/src/components/qr-display/index.tsx';
import { StepIndicator } from '../../../kiosk-ui/src/components/step-indicator/index.tsx';
import { Toast, type ToastTone } from '../../../kiosk-ui/src/components/toast/index.tsx';

export function AmountsHarness() {
  return (
    <div class="row" data-testid="amounts">
      <AmountDisplay fen={12850} label="应缴金额" size="large" />
      <AmountDisplay fen={5620} label="上月" />
    </div>
  );
}

export function StepsHarness() {
  return (
    <div data-testid="steps">
      <StepIndicator steps={['读卡', '选账单', '付款', '打印']} current={2} />
    </div>
  );
}

export function DialogHarness() {
  const [open, setOpen] = useState(false);
  const [result, setResult] = useState('');
  const close = (why: string) => {
    setResult(why);
    setOpen(false);
  };
  return (
    <div class="row" data-testid="dialog-harness">
      <BigButton variant="secondary" onPress={() => setOpen(true)} action="open-dialog">
        打开对话框
      </BigButton>
      <p class="out" data-testid="dialog-result">
        {result}
      </p>
      <Dialog
        open={open}
        title="确认缴费？"
        onDismiss={() => close('dismissed')}
        actions={
          <>
            <BigButton onPress={() => close('confirmed')} action="dialog-confirm">
              确认缴费
            </BigButton>
            <BigButton variant="secondary" onPress={() => close('cancelled')} action="dialog-cancel">
              再想想
            </BigButton>
          </>
        }
      >
        <p>将从银行卡扣款 ¥128.50。</p>
      </Dialog>
    </div>
  );
}

const tones: ToastTone[] = ['info', 'ok', 'warn', 'bad'];
const toastWords: Record<ToastTone, string> = {
  info: '请把卡片放在读卡区',
  ok: '缴费成功',
  warn: '打印纸快用完了',
  bad: '读卡失败，请重试',
};

export function ToastHarness() {
  const [tone, setTone] = useState<ToastTone>('ok');
  const next = () => setTone(tones[(tones.indexOf(tone) + 1) % tones.length] ?? 'info');
  return (
    <div class="row" data-testid="toast-harness">
      <BigButton variant="secondary" onPress={next} action="next-tone">
        换一种提示
      </BigButton>
      <Toast message={toastWords[tone]} tone={tone} />
    </div>
  );
}

export function ProgressHarness() {
  return (
    <div class="stack" data-testid="progress">
      <Progress label="正在打印收据" detail="请稍等，不要离开" value={0.4} />
      <Progress label="正在连接银行" />
    </div>
  );
}

export function ErrorsHarness() {
  const [pressed, setPressed] = useState('');
  return (
    <div class="stack" data-testid="errors">
      <div data-testid="error-all">
        <ErrorPanel
          title="收据没有打印出来"
          message="打印机缺纸。钱已经交了，请找工作人员补打。"
          onRetry={() => setPressed('retry')}
          onBack={() => setPressed('back')}
          onHelp={() => setPressed('help')}
        />
      </div>
      <div data-testid="error-retry">
        <ErrorPanel title="读卡失败" message="请把卡片重新放好。" onRetry={() => setPressed('retry-only')} />
      </div>
      <p class="out" data-testid="error-pressed">
        {pressed}
      </p>
    </div>
  );
}

export function QrHarness() {
  return (
    <div data-testid="qr">
      <QrDisplay
        value="https://pay.example.cn/bill/20261125-0001"
        label="缴费二维码"
        caption="请用手机扫码付款"
      />
    </div>
  );
}
