// A statement's content as a fragment of a site page, rendered from its content model: headings, bold, italics,
// lists, tables, links and notes as the documents show them, every word escaped. Content that does not match the
// model's schema (an old or damaged record) renders as nothing rather than as a guess.
import type { SafeHtml } from '../../../web/html.js';
import { statementContentSchema } from '../domain/content-schema.js';
import type { OfficialLanguage, RenderResources } from '../domain/document-model.js';
import { contentFragmentHtml, type Level } from './html.js';

export interface ContentFragmentOptions {
  /** Prefix of the element ids (notes), so two fragments on one page do not clash. */
  idPrefix?: string;
  /** The level of the page heading the fragment sits under: its first-level headings are one below. */
  headingLevel?: Level;
  lang?: OfficialLanguage;
  dir?: 'ltr' | 'rtl';
  resources?: RenderResources;
}

export function renderContentFragment(content: unknown, options: ContentFragmentOptions = {}): SafeHtml | undefined {
  const parsed = statementContentSchema.safeParse(content);
  if (!parsed.success) return undefined;
  const { resources, headingLevel, ...rest } = options;
  return contentFragmentHtml(parsed.data, { ...rest, headingLevel: ((headingLevel ?? 2) + 1) as Level }, resources);
}
