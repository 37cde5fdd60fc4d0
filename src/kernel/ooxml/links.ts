// The addresses a link read from a document may keep: a w:hyperlink's target or a HYPERLINK field's, absolute
// http:, https: and mailto: addresses only, so no link in the model can run script or reach into the reader's files.

const SAFE_SCHEMES = new Set(['http:', 'https:', 'mailto:']);

/** The address a link may keep: absolute http:, https: or mailto: only, as the URL parser writes it. */
export function safeHref(raw: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return undefined;
  }
  return SAFE_SCHEMES.has(url.protocol) ? url.href : undefined;
}

/** The address of a HYPERLINK field ("HYPERLINK "https://..." \o "tip""); undefined for other fields and links within the document. */
export function fieldHyperlink(instr: string): string | undefined {
  const tokens = instr.match(/"[^"]*"|\S+/g) ?? [];
  if (tokens[0]?.toUpperCase() !== 'HYPERLINK') return undefined;
  for (let i = 1; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.startsWith('\\')) {
      // \l (bookmark), \o (tooltip), \t (target frame) take an argument; \m and \n do not.
      if (/^\\[lot]$/i.test(token)) i++;
      continue;
    }
    return safeHref(token.replace(/^"|"$/g, ''));
  }
  return undefined;
}
