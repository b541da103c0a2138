import { render } from 'preact';
import { agentEventsUrl } from '../agent/agent-socket.ts';
import type { FlowDefinition } from '../flows/flow.ts';
import { defaultLocale, setDocumentLang, setLocale, t } from '../i18n/index.ts';
import { installFastTap } from '../lib/fast-tap.ts';
import { KioskApp, type KioskAppProps } from './kiosk-app.tsx';
import '../styles/global.css';

/**
 * Starts the kiosk UI in `#app` with the given services. The production entry
 * passes the registered flows; a test entry may pass its own.
 */
export function mountKiosk(
  flows: readonly FlowDefinition[],
  timing: Omit<KioskAppProps, 'flows' | 'eventsUrl'> = {},
): void {
  setLocale(defaultLocale);
  setDocumentLang(defaultLocale);
  installFastTap(document);
  document.title = t('app.title');
  const root = document.getElementById('app');
  if (root) render(<KioskApp flows={flows} eventsUrl={agentEventsUrl(location)} {...timing} />, root);
}
