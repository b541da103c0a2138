/**
 * The kiosk UI's entry: the shell with the services that are registered. The
 * UI never talks to the hub; the agent on its own origin is its whole world.
 */
import { mountKiosk } from './app/mount.tsx';
import { registeredFlows } from './flows/registry.ts';

mountKiosk(registeredFlows);
