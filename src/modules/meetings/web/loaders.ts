// The records a debate's address names, loaded before the route's guard decides: the debate (`debate.not_found` when
// there is none) and the Council data, which says who presides on its meeting day. Routes of every module that take a
// `:slug` name them in `load`, and find them on `request.loaded`.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Database } from '../../../kernel/db/database.js';
import { AppError } from '../../../kernel/errors.js';
import { guardedBy, registerLoader } from '../../../web/policy-guard.js';
import { findDebateBySlug, loadCouncil, type DebateRecord } from '../db.js';
import type { CouncilData } from '../domain/council.js';
import { DEBATE_PREPARE, type DebateSubject } from '../policies.js';
import { presidencyOfDebate } from '../presidency.js';

declare module '../../../web/policy-guard.js' {
  interface Loaded {
    /** The debate in the address (`:slug`). */
    debate: DebateRecord;
    /** The Council's membership and presidencies. */
    council: CouncilData;
  }
}

/** Registers the `debate` and `council` loaders. */
export function registerDebateLoaders(app: FastifyInstance, db: Database): void {
  registerLoader(app, 'debate', async (request) => {
    const slug = (request.params as { slug?: unknown }).slug;
    const debate = typeof slug === 'string' ? await findDebateBySlug(db, slug) : undefined;
    if (!debate) throw new AppError('debate.not_found');
    return debate;
  });
  registerLoader(app, 'council', () => loadCouncil(db));
}

/** The subject of the debate policies: the State presiding on the loaded debate's meeting day. */
export function debateSubject(request: FastifyRequest): DebateSubject {
  return { presidingState: presidencyOfDebate(request.loaded.council, request.loaded.debate) };
}

/** The route configuration of a debate's preparation: the debate and the Council data, then DEBATE_PREPARE on them. */
export const preparing = { load: ['debate', 'council'], ...guardedBy(DEBATE_PREPARE, debateSubject) } as const;
