// The three forms of a State's (or entity's) name that documents need, derived from the UNTERM English
// short name. Pure functions, no data.
//
// UNTERM short names come in three shapes:
//   "France"                          plain
//   "Niger (the)"                     article, written after the name so that lists sort under N
//   "Iran (Islamic Republic of)"      a qualifier ending in "of" (or "of the"), written after the name
//
// | form         | "France" | "Niger (the)" | "Iran (Islamic Republic of)"   | "Netherlands (Kingdom of the)"  |
// | ------------ | -------- | ------------- | ------------------------------ | ------------------------------- |
// | sort key     | France   | Niger         | Iran (Islamic Republic of)     | Netherlands (Kingdom of the)    |
// | running text | France   | the Niger     | the Islamic Republic of Iran   | the Kingdom of the Netherlands  |
// | heading      | France   | the Niger     | Iran (Islamic Republic of)     | Netherlands (Kingdom of the)    |
//
// The heading keeps a "(Y of)" qualifier where UNTERM puts it (docs/domain.md: "the short name with its
// article moved to the front when it has one"); only a "(the)" article moves.

export interface NameForms {
  /** For ordering lists: the short name without its article. Compare with `compareSortKeys`. */
  sortKey: string;
  /** Inside a sentence: "the Niger", "the Islamic Republic of Iran", "France". */
  runningText: string;
  /** Annex headings and lists of States: "the Niger", "Iran (Islamic Republic of)". */
  heading: string;
}

/** A short name taken apart: the bare name, its article, and a "(Y of)" qualifier. */
export interface ShortNameParts {
  /** "Niger", "Iran", "France". */
  base: string;
  /** "the" when the name takes the definite article ("Niger (the)", "The Gambia"), else null. */
  article: 'the' | null;
  /** "Islamic Republic of", "Kingdom of the": the text that goes before the base in running text. */
  qualifier: string | null;
}

const TRAILING_ARTICLE = /^(.+?)\s*\(the\)$/i;
const TRAILING_QUALIFIER = /^(.+?)\s*\(([^()]*\bof(?: the)?)\)$/i;
const LEADING_ARTICLE = /^the\s+(.+)$/i;

/** Takes a UNTERM English short name apart. Whitespace is normalised. */
export function parseShortName(shortName: string): ShortNameParts {
  const name = normalizeSpace(shortName);
  const trailingArticle = TRAILING_ARTICLE.exec(name);
  if (trailingArticle?.[1]) return { base: trailingArticle[1], article: 'the', qualifier: null };
  const qualified = TRAILING_QUALIFIER.exec(name);
  if (qualified?.[1] && qualified[2]) {
    return { base: qualified[1], article: null, qualifier: normalizeSpace(qualified[2]) };
  }
  const leadingArticle = LEADING_ARTICLE.exec(name);
  if (leadingArticle?.[1]) return { base: leadingArticle[1], article: 'the', qualifier: null };
  return { base: name, article: null, qualifier: null };
}

/** "Niger (the)" -> "Niger"; "Iran (Islamic Republic of)" -> "Iran (Islamic Republic of)"; "The Gambia" -> "Gambia". */
export function sortKeyOf(shortName: string): string {
  const parts = parseShortName(shortName);
  if (parts.qualifier !== null) return `${parts.base} (${parts.qualifier})`;
  return parts.base;
}

/**
 * "Niger (the)" -> "the Niger"; "Iran (Islamic Republic of)" -> "the Islamic Republic of Iran";
 * "Netherlands (Kingdom of the)" -> "the Kingdom of the Netherlands"; "France" -> "France".
 */
export function runningTextOf(shortName: string): string {
  const parts = parseShortName(shortName);
  // A qualifier that already carries the article ("Korea (the Republic of)") must not read "the the ...".
  if (parts.qualifier !== null) return `the ${parts.qualifier.replace(/^the\s+/i, '')} ${parts.base}`;
  if (parts.article !== null) return `${parts.article} ${parts.base}`;
  return parts.base;
}

/** "Niger (the)" -> "the Niger"; "Iran (Islamic Republic of)" unchanged; "France" unchanged. */
export function headingOf(shortName: string): string {
  const parts = parseShortName(shortName);
  if (parts.qualifier !== null) return `${parts.base} (${parts.qualifier})`;
  if (parts.article !== null) return `${parts.article} ${parts.base}`;
  return parts.base;
}

/** The three forms of a UNTERM English short name. */
export function nameForms(shortName: string): NameForms {
  return { sortKey: sortKeyOf(shortName), runningText: runningTextOf(shortName), heading: headingOf(shortName) };
}

/**
 * The three forms of a name that carries its article separately (entities: "European Union" + "the").
 * Running text and heading are the same: "the European Union".
 */
export function entityNameForms(name: string, article: 'the' | null): NameForms {
  const bare = normalizeSpace(name);
  const withArticle = article === null ? bare : `${article} ${bare}`;
  return { sortKey: bare, runningText: withArticle, heading: withArticle };
}

// One collator for every comparison: localeCompare with a locale builds a new one on each call.
const collator = new Intl.Collator('en');

/** English ordering of sort keys ("Côte d'Ivoire" between "Costa Rica" and "Croatia"). */
export function compareSortKeys(a: string, b: string): number {
  return collator.compare(a, b);
}

/** For a sentence start: "the Niger" -> "The Niger". Anything not starting with the article is unchanged. */
export function capitalizeArticle(text: string): string {
  return text.replace(/^the\b/, 'The');
}

/** ["A"] -> "A"; ["A", "B"] -> "A and B"; ["A", "B", "C"] -> "A, B and C" (UN style: no serial comma). */
export function joinList(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`;
}

function normalizeSpace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
