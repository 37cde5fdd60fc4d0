// Who may read the outbox page: the help desk, which delivers invitation and sign-in links by hand while no mail
// server is configured, and the Secretariat. The messages carry working single-use links for anyone, so no one else.
import { definePolicy } from '../authz.js';

export const OUTBOX_READ = definePolicy(
  'outbox.read',
  (actor) => actor.kind === 'account' && (actor.role === 'helpdesk' || actor.role === 'secretariat'),
);
