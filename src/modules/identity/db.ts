// Queries on the identity module's tables (./tables.ts) shared by its parts: the modules an account may use right
// now, as a subquery for the queries that resolve who is asking (sessions and API tokens). Grants are read live, so
// a revocation takes effect at the next request.
import type { ExpressionBuilder } from 'kysely';
import type { DB } from '../../kernel/db/database.js';

export function currentModules(eb: ExpressionBuilder<DB & { a: DB['identity.accounts'] }, 'a'>) {
  return eb
    .selectFrom('identity.module_grants as g')
    .select((g) => g.fn.coalesce(g.fn.agg<string[]>('array_agg', ['g.module']), g.val<string[]>([])).as('modules'))
    .whereRef('g.account_id', '=', 'a.id')
    .where('g.revoked_at', 'is', null)
    .as('modules');
}
