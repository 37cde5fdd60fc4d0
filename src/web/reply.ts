// Answering with a page: the one way a route sends server-rendered HTML.
import type { FastifyReply } from 'fastify';
import type { SafeHtml } from './html.js';

export function sendHtml(reply: FastifyReply, markup: SafeHtml, status = 200): FastifyReply {
  return reply.status(status).type('text/html; charset=utf-8').send(markup.value);
}
