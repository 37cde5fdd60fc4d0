// The page frame shared by every page: language and direction, skip link, header, main landmark, footer.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { allows, type Actor } from '../kernel/authz.js';
import { OUTBOX_READ } from '../kernel/mail/index.js';
import { TEXT_DIRECTIONS, type OfficialLanguage } from '../kernel/i18n/languages.js';
import { assetUrl } from './assets.js';
import { html, type Renderable, type SafeHtml } from './html.js';

export interface PageOptions {
  title: string;
  locale?: OfficialLanguage;
  /** Short description for search engines and link previews. */
  description?: string;
  body: Renderable;
  /** Who is looking: decides the navigation offered. */
  actor?: Actor;
}

// The address of the page being answered, kept for the navigation to mark where the reader is (aria-current):
// set by the `markCurrentPage` hook around each handler, so no page has to pass its own address along.
const currentPath = new AsyncLocalStorage<string>();

/** A preHandler hook: the handler (and the page it renders) runs knowing the path it answers. */
export function markCurrentPage(request: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction): void {
  currentPath.run(request.url.split('?')[0] ?? '/', done);
}

interface NavItem {
  href: string;
  label: string;
  /** Pages under this address count as this item's ("/missions/BRA" for "My mission"); the href itself by default. */
  section?: string;
}

/** Whether `path` is the item's page or one of its section's. The home page is only itself. */
export function isCurrent(item: NavItem, path: string | undefined): boolean {
  if (path === undefined) return false;
  const section = item.section ?? item.href;
  if (section === '/') return path === '/';
  return path === section || path.startsWith(`${section}/`) || path === item.href;
}

/** The menu by who is looking: everyone's pages, then the role's own, then the account's. */
export function navigationItems(actor: Actor | undefined): NavItem[] {
  const items: NavItem[] = [
    { href: '/', label: 'Debates' },
    { href: '/journal', label: 'Programme' },
  ];
  if (actor?.kind === 'account') {
    if (actor.role === 'delegate' || actor.role === 'focal_point') items.push({ href: '/my/statements', label: 'My statements' });
    if (actor.role === 'focal_point')
      items.push({ href: '/mission', label: 'My mission', section: `/missions/${actor.organisation ?? ''}` });
    if (actor.role === 'helpdesk') items.push({ href: '/helpdesk', label: 'Help desk' }, { href: '/missions', label: 'Missions' });
    if (actor.role === 'secretariat')
      items.push(
        { href: '/work', label: 'Work waiting' },
        { href: '/missions', label: 'Missions' },
        { href: '/council', label: 'Council' },
      );
    // The installation's outbox: the mail it keeps while no SMTP server is set (with one, the page says mail has left).
    if (allows(actor, OUTBOX_READ)) items.push({ href: '/outbox', label: 'Outbox' });
  }
  items.push({ href: '/receipts/verify', label: 'Check a receipt' });
  if (actor?.kind === 'account') items.push({ href: '/account', label: 'My account' }, { href: '/sign-out', label: 'Sign out' });
  else if (actor?.kind === 'pending') items.push({ href: '/sign-out', label: 'Sign out' });
  else items.push({ href: '/sign-in', label: 'Sign in' });
  return items;
}

function navigation(actor: Actor | undefined): SafeHtml {
  const path = currentPath.getStore();
  // One item at most is current: the most specific match (a focal point's own mission is "My mission", not "Missions").
  const items = navigationItems(actor);
  const current = items
    .filter((item) => isCurrent(item, path))
    .sort((a, b) => (b.section ?? b.href).length - (a.section ?? a.href).length)[0];
  return html`<nav aria-label="Main"><ul>${items.map(
    (item) => html`<li><a href="${item.href}"${item === current ? html` aria-current="page"` : ''}>${item.label}</a></li>`,
  )}</ul></nav>`;
}

export function page({ title, locale = 'en', description, body, actor }: PageOptions): SafeHtml {
  const dir = TEXT_DIRECTIONS[locale];
  return html`<!doctype html>
<html lang="${locale}" dir="${dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Rostrum</title>
${description ? html`<meta name="description" content="${description}">` : ''}
<link rel="icon" href="${assetUrl('icon.svg')}" type="image/svg+xml">
<link rel="stylesheet" href="${assetUrl('site.css')}">
<script src="${assetUrl('local-time.js')}" defer></script>
<script src="${assetUrl('status.js')}" defer></script>
<script src="${assetUrl('upload.js')}" defer></script>
<script src="${assetUrl('confirm.js')}" defer></script>
<script src="${assetUrl('print.js')}" defer></script>
</head>
<body>
<a class="skip-link" href="#main">Skip to main content</a>
<header class="site-header">
  <div class="wrap">
    <a class="brand" href="/">Rostrum</a>
    ${navigation(actor)}
  </div>
</header>
<main id="main" class="wrap" tabindex="-1">
${body}
</main>
<footer class="site-footer">
  <div class="wrap"><p>Rostrum: open debates, written statements and their compilation. Times are stated in the time of the duty station; your own time is shown beside them.</p></div>
</footer>
</body>
</html>`;
}
