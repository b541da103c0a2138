/**
 * The kiosk shell with the fixture services, for the shell's browser tests.
 * Short timings come from the query, so an idle timeout runs in seconds:
 * `/?idle=4&countdown=3&farewell=2`.
 */
import { mountKiosk } from '../../../kiosk-ui/src/app/mount.tsx';
import { fixtureFlows } from './fixture-flows.tsx';

const query = new URLSearchParams(location.search);

function seconds(name: string): number | undefined {
  const value = Number(query.get(name));
  return value > 0 ? value : undefined;
}

mountKiosk(fixtureFlows, {
  idleSeconds: seconds('idle'),
  countdownSeconds: seconds('countdown'),
  farewellSeconds: seconds('farewell'),
});
