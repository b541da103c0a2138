/** Gallery harnesses for the components a resident types or chooses with. */
import { useState } from 'preact/hooks';
import { BigButton } from '../../../kiosk-ui/src/components/big-button/index.tsx';
import { NumericKeypad } from '../../../kiosk-ui/src/components/numeric-keypad/index.tsx';
import { PagedList } from '../../../kiosk-ui/src/components/paged-list/index.tsx';
import { Picker } from '../../../kiosk-ui/src/components/picker/index.tsx';
import { TextKeypad } from '../../../kiosk-ui/src/components/text-keypad/index.tsx';

export function ButtonsHarness() {
  const [presses, setPresses] = useState(0);
  const press = () => setPresses((n) => n + 1);
  return (
    <div class="row" data-testid="buttons">
      <BigButton onPress={press} action="primary">
        确定
      </BigButton>
      <BigButton variant="secondary" onPress={press} icon="‹">
        返回
      </BigButton>
      <BigButton variant="quiet" onPress={press}>
        跳过
      </BigButton>
      <BigButton variant="danger" onPress={press}>
        取消办理
      </BigButton>
      <BigButton disabled>不可用</BigButton>
      <p class="out" data-testid="press-count">
        {presses}
      </p>
    </div>
  );
}

export function NumericHarness() {
  const [value, setValue] = useState('');
  const [mask, setMask] = useState(false);
  const [submitted, setSubmitted] = useState('');
  return (
    <div data-testid="numeric">
      <NumericKeypad
        value={value}
        onChange={setValue}
        maxLength={6}
        label="请输入户号"
        mask={mask}
        onSubmit={() => setSubmitted(value)}
      />
      <div class="row">
        <BigButton variant="quiet" onPress={() => setMask(!mask)} action="mask-toggle">
          {mask ? '显示' : '遮住'}
        </BigButton>
        <p class="out">
          值 <span data-testid="numeric-value">{value}</span> · 提交{' '}
          <span data-testid="numeric-submitted">{submitted}</span>
        </p>
      </div>
    </div>
  );
}

export function TextHarness() {
  const [value, setValue] = useState('');
  return (
    <div data-testid="text">
      <TextKeypad value={value} onChange={setValue} maxLength={8} label="请输入车牌号" />
      <p class="out">
        值 <span data-testid="text-value">{value}</span>
      </p>
    </div>
  );
}

const bills = (n: number, from = 1) =>
  Array.from({ length: n }, (_, i) => ({ id: `bill-${from + i}`, name: `账单 ${from + i}` }));

export function PagedHarness() {
  const [items, setItems] = useState(() => bills(23));
  return (
    <div data-testid="paged">
      <PagedList
        items={items}
        pageSize={5}
        label="待缴账单"
        keyOf={(item) => item.id}
        renderItem={(item) => (
          <div class="item" data-item={item.id}>
            {item.name}
          </div>
        )}
      />
      <BigButton variant="quiet" onPress={() => setItems(bills(7, 101))} action="replace-items">
        换一批
      </BigButton>
    </div>
  );
}

const options = [
  { value: 'water', label: '水费', note: '¥56.20' },
  { value: 'power', label: '电费', note: '¥128.50' },
  { value: 'gas', label: '燃气费', note: '暂停缴费', disabled: true },
  { value: 'phone', label: '话费' },
  { value: 'tv', label: '有线电视' },
  { value: 'heat', label: '供暖费' },
  { value: 'property', label: '物业费' },
];

export function PickerHarness() {
  const [value, setValue] = useState<string | null>(null);
  return (
    <div data-testid="picker">
      <Picker label="请选择缴费项目" options={options} value={value} onChange={setValue} pageSize={4} />
      <p class="out">
        选中 <span data-testid="picker-value">{value ?? ''}</span>
      </p>
    </div>
  );
}
