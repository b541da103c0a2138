/**
 * The design system's gallery: each component in a small live harness, for the browser tests
 * in test/kiosk-ui/components/ and for looking at. `?lang=en` shows it in English; the tests set
 * `data-text` and `data-contrast` on <html> as the shell will.
 */
import type { ComponentChildren } from 'preact';
import { render } from 'preact';
import { setDocumentLang, setLocale } from '../../../kiosk-ui/src/i18n/index.ts';
import '../../../kiosk-ui/src/styles/global.css';
import './gallery.css';
import { ButtonsHarness, NumericHarness, PagedHarness, PickerHarness, TextHarness } from './inputs.tsx';
import {
  AmountsHarness,
  DialogHarness,
  ErrorsHarness,
  ProgressHarness,
  QrHarness,
  StepsHarness,
  ToastHarness,
} from './outputs.tsx';

function Card({ title, wide, children }: { title: string; wide?: boolean; children: ComponentChildren }) {
  return (
    <section class={wide ? 'card wide' : 'card'} aria-label={title}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}

function Gallery() {
  return (
    <>
      <header class="band">
        <h1>组件样例</h1>
      </header>
      <main class="grid">
        <Card title="big-button" wide>
          <ButtonsHarness />
        </Card>
        <Card title="numeric-keypad">
          <NumericHarness />
        </Card>
        <Card title="picker">
          <PickerHarness />
        </Card>
        <Card title="text-keypad" wide>
          <TextHarness />
        </Card>
        <Card title="paged-list">
          <PagedHarness />
        </Card>
        <Card title="error-panel">
          <ErrorsHarness />
        </Card>
        <Card title="amount-display · step-indicator">
          <AmountsHarness />
          <StepsHarness />
        </Card>
        <Card title="progress">
          <ProgressHarness />
        </Card>
        <Card title="qr-display · dialog · toast">
          <QrHarness />
          <DialogHarness />
          <ToastHarness />
        </Card>
      </main>
    </>
  );
}

const galleryLocale = new URLSearchParams(location.search).get('lang') === 'en' ? 'en' : 'zh-CN';
setLocale(galleryLocale);
setDocumentLang(galleryLocale);
const root = document.getElementById('app');
if (root) render(<Gallery />, root);
