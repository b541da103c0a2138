/** The maintainers' console: sign in, then the fleet, one kiosk, alerts, the audit log, enrollment and (admins) reconciliation. */
import { render } from 'preact';
import { App } from './app.tsx';
import { installLinkInterception } from './lib/router.ts';
import { t } from './messages/index.ts';
import './styles/global.css';

document.title = t('app.title');
installLinkInterception();
const root = document.getElementById('app');
if (root) render(<App />, root);
