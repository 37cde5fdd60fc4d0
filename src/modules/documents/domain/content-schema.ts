// The schema of a statement's content (StatementContentJson, kernel/ooxml/content-model.ts) as a document model
// carries it in a 'content' block. A generation stores the model it rendered and renders it again from the stored
// JSON, so what reaches a renderer must be exactly what the reader of uploads produces: objects are strict (an unknown
// key or kind is refused rather than silently dropped, which would change the stored model), links are absolute
// http:, https: or mailto: addresses in the URL parser's normal form, and pictures are named by a SHA-256.
import { z } from 'zod';
import type { Block, Inline, StatementContentJson } from '../../../kernel/ooxml/content-model.js';

const SAFE_SCHEMES = new Set(['http:', 'https:', 'mailto:']);

/**
 * The address when it is a link every format may show: an absolute http:, https: or mailto: URL, as the URL parser
 * writes it. Anything else (javascript:, data:, a relative or unparsable address) gives undefined. The reader of
 * uploads keeps only such addresses; renderers check again, so a model that skipped the schema still emits no other.
 */
export function safeLink(href: string): string | undefined {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return undefined;
  }
  return SAFE_SCHEMES.has(url.protocol) ? url.href : undefined;
}

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in lower-case hexadecimal');
const imageMediaType = z.enum(['image/png', 'image/jpeg', 'image/gif']);
const mark = z.literal(true).optional();

const href = z.string().refine((value) => safeLink(value) === value, {
  message: 'an absolute http:, https: or mailto: address in normal form',
});

// The recursive schemas (a link holds inlines, a table cell holds blocks) use getters, which zod resolves lazily.
const textInlineSchema = z.strictObject({
  kind: z.literal('text'),
  text: z.string(),
  bold: mark,
  italic: mark,
  underline: mark,
  superscript: mark,
  subscript: mark,
});

const linkInlineSchema = z.strictObject({
  kind: z.literal('link'),
  href,
  get children(): z.ZodArray<z.ZodType<Inline>> {
    return z.array(inlineSchema);
  },
});

const noteReferenceSchema = z.strictObject({ kind: z.literal('footnote'), id: z.string(), endnote: mark });
const breakSchema = z.strictObject({ kind: z.literal('break') });
const imageInlineSchema = z.strictObject({
  kind: z.literal('image'),
  alt: z.string(),
  sha256: sha256.optional(),
  mediaType: imageMediaType.optional(),
});

export const inlineSchema: z.ZodType<Inline> = z.discriminatedUnion('kind', [
  textInlineSchema,
  linkInlineSchema,
  noteReferenceSchema,
  breakSchema,
  imageInlineSchema,
]);

const paragraphSchema = z.strictObject({
  kind: z.literal('paragraph'),
  style: z.enum(['heading1', 'heading2', 'heading3', 'title', 'normal']).optional(),
  // Word has nine list levels (0–8); a deeper level read from a file is drawn at the ninth.
  list: z.strictObject({ ordered: z.boolean(), level: z.number().int().min(0) }).optional(),
  rtl: z.boolean(),
  align: z.enum(['left', 'center', 'right', 'justify']).optional(),
  inlines: z.array(inlineSchema),
});

const tableSchema = z.strictObject({
  kind: z.literal('table'),
  rows: z.array(
    z.strictObject({
      get cells() {
        return z.array(z.strictObject({ blocks: z.array(contentBlockSchema), colspan: z.number().int().positive().optional() }));
      },
      header: z.boolean().optional(),
    }),
  ),
});

export const contentBlockSchema: z.ZodType<Block> = z.discriminatedUnion('kind', [paragraphSchema, tableSchema]);

const noteSchema = z.strictObject({ id: z.string(), blocks: z.array(contentBlockSchema) });

/** A statement's content as stored (pictures by hash and size, their bytes apart). */
export const statementContentSchema: z.ZodType<StatementContentJson> = z.strictObject({
  blocks: z.array(contentBlockSchema),
  footnotes: z.array(noteSchema),
  endnotes: z.array(noteSchema),
  hasTrackedChanges: z.boolean(),
  hasComments: z.boolean(),
  language: z.string().min(1).optional(),
  images: z.array(z.strictObject({ sha256, mediaType: imageMediaType, size: z.number().int().nonnegative() })),
});
