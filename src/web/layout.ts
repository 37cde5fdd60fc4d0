// The page frame shared by every page: language and direction, skip link, header, main landmark, footer.
import type { Actor } from '../kernel/authz.js';
import { locales, type Locale } from '../kernel/i18n/locales.js';
import { assetUrl } from './assets.js';
import { html, type Renderable, type SafeHtml } from './html.js';

export interface PageOptions {
  title: string;
  locale?: Locale;
  /** Short description for search engines and link previews. */
  description?: string;
  body: Renderable;
  /** Who is looking: decides the navigation offered. */
  actor?: Actor;
}

function navigation(actor: Actor | undefined): SafeHtml {
  const items: Array<[string, string]> = [['/', 'Debates'], ['/journal', 'Programme']];
  if (actor?.kind === 'account') {
    if (actor.role === 'focal_point') items.push(['/mission', 'My mission']);
    if (actor.role === 'helpdesk') items.push(['/helpdesk', 'Help desk']);
    if (actor.role === 'secretariat') items.push(['/missions', 'Missions'], ['/council', 'Council']);
    items.push(['/account', 'My account'], ['/sign-out', 'Sign out']);
  } else if (actor?.kind === 'pending') {
    items.push(['/sign-out', 'Sign out']);
  } else {
    items.push(['/sign-in', 'Sign in']);
  }
  return html`<nav aria-label="Main"><ul>${items.map(([href, label]) => html`<li><a href="${href}">${label}</a></li>`)}</ul></nav>`;
}

export function page({ title, locale = 'en', description, body, actor }: PageOptions): SafeHtml {
  const dir = locales[locale].dir;
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
