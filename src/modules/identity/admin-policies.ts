// The help desk's tools: find any account, unlock its sign-in, reset its two-step verification, send a sign-in
// link, deactivate and reactivate it, create a mission's first focal point and staff accounts. Only a signed-in
// help desk account (never a `pending` actor, whose second factor is still to come). What the help desk never
// sees: statement content; these pages show accounts and their access, nothing a mission submitted.
import { definePolicy } from '../../kernel/authz.js';

export const HELPDESK_USE = definePolicy('helpdesk.use', (actor) => actor.kind === 'account' && actor.role === 'helpdesk');
