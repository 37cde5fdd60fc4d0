// How far a document's formats have gone, as the pages say it: each format's state in words, and, while any format is
// queued or being made, a `Refresh: 2` header, so that the page reloads itself every 2 seconds without scripts and
// stops once every format is ready, has failed or cannot be made. A browser that runs scripts says so with the
// `scripts` cookie (status.js sets it) and gets no header: status.js updates the status region in place, and a reload
// on top of it would lose what is being typed in the page's other forms.
import type { FastifyReply } from 'fastify';
import type { RenditionStatus } from '../db.js';

/** Each state in the pages' words. */
export const RENDITION_STATES: Record<RenditionStatus, string> = {
  queued: 'queued',
  running: 'being made',
  done: 'ready',
  failed: 'failed',
  unavailable: 'not available',
};

/** Seconds between reloads of a page while a format is pending. */
export const REFRESH_SECONDS = 2;

/** Whether any format is still to be made (queued or being made). */
export function anyPending(renditions: ReadonlyArray<{ status: RenditionStatus }>): boolean {
  return renditions.some((r) => r.status === 'queued' || r.status === 'running');
}

/** Asks the browser to load the page again in REFRESH_SECONDS while any of these formats is pending; nothing otherwise. */
export function refreshWhilePending(reply: FastifyReply, renditions: ReadonlyArray<{ status: RenditionStatus }>): void {
  const scripts = (reply.request as { cookies?: Record<string, string | undefined> }).cookies?.scripts === '1';
  if (anyPending(renditions) && !scripts) void reply.header('refresh', String(REFRESH_SECONDS));
}
