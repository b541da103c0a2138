/**
 * The kiosk UI's entry: link to the agent on our own origin and show the home
 * screen. The UI never talks to the hub; the agent is its whole world.
 */
import { render } from 'preact';
import { agentEventsUrl } from './agent/agent-socket.ts';
import { defaultLocale, setLocale, t } from './i18n/index.ts';
import { useActor } from './lib/use-actor.ts';
import { agentLinkMachine, selectAgentLinkView } from './machines/agent-link.machine.ts';
import { HomeScreen } from './screens/home/index.tsx';
import './styles/global.css';

function App({ eventsUrl }: { eventsUrl: string }) {
  const [snapshot] = useActor(agentLinkMachine, { input: { url: eventsUrl } });
  return <HomeScreen link={selectAgentLinkView(snapshot)} agentVersion={snapshot.context.agentVersion} />;
}

setLocale(defaultLocale);
document.title = t('app.title');
const root = document.getElementById('app');
if (root) render(<App eventsUrl={agentEventsUrl(location)} />, root);
