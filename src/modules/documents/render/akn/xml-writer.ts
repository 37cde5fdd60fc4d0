// Akoma Ntoso's XML plumbing: escaping (the characters XML allows, then the five entities), a small element tree
// serialised with indentation where the content model is element-only and on one line where it is mixed, and the
// registry of eIds and of the references (TLC*) the text points to.
import { legalXmlText } from '../xml-text.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

function escapeText(text: string): string {
  return legalXmlText(text).replace(/[&<>"']/g, (c) => ESCAPES[c] as string);
}

/** Attribute values also keep their tabs and line feeds, which attribute-value normalisation would turn into spaces. */
function escapeAttribute(text: string): string {
  return escapeText(text).replace(/\t/g, '&#9;').replace(/\n/g, '&#10;');
}

// --- A small XML tree, serialised with indentation where the content model is element-only --------------------

export interface XmlElement {
  name: string;
  attrs: [string, string][];
  children: XmlNode[];
}
export type XmlNode = XmlElement | string;

export function el(name: string, attrs: Record<string, string | undefined> = {}, children: XmlNode[] = []): XmlElement {
  const list: [string, string][] = [];
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) list.push([k, v]);
  return { name, attrs: list, children };
}

/**
 * Elements whose content is mixed (text and inline elements): they are written on one line, since whitespace added
 * inside them would become part of the text.
 */
const MIXED = new Set([
  'p',
  'block',
  'num',
  'heading',
  'li',
  'docTitle',
  'docNumber',
  'docDate',
  'docStatus',
  'docAuthority',
  'organization',
  'signature',
  'person',
  'role',
  'inline',
]);

function openTag(node: XmlElement): string {
  return `<${node.name}${node.attrs.map(([k, v]) => ` ${k}="${escapeAttribute(v)}"`).join('')}`;
}

function inline(node: XmlNode): string {
  if (typeof node === 'string') return escapeText(node);
  if (node.children.length === 0) return `${openTag(node)}/>`;
  return `${openTag(node)}>${node.children.map(inline).join('')}</${node.name}>`;
}

export function serialise(node: XmlElement, indent: string, out: string[]): void {
  if (node.children.length === 0 || MIXED.has(node.name) || node.children.some((c) => typeof c === 'string')) {
    out.push(indent + inline(node));
    return;
  }
  out.push(`${indent}${openTag(node)}>`);
  for (const child of node.children) serialise(child as XmlElement, `${indent}  `, out);
  out.push(`${indent}</${node.name}>`);
}

// --- Identifiers ----------------------------------------------------------------------------------------------

/** "Zhang Jun" → "zhangJun", "Security Council" → "securityCouncil": the usual form of TLC identifiers. */
export function camelId(text: string): string {
  const words = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f'’]/g, '')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  return words.map((w, i) => (i === 0 ? w.toLowerCase() : w.charAt(0).toUpperCase() + w.slice(1).toLowerCase())).join('');
}

/**
 * Hands out eIds. The schema requires every eId under the outermost doc to be unique (nested documents and the
 * references included), so one registry serves the whole file; a taken name gets a counter ("para_7_2"), which
 * only happens when the model itself repeats a number.
 */
export class EIds {
  private readonly taken = new Set<string>();
  claim(wanted: string): string {
    let id = wanted;
    for (let n = 2; this.taken.has(id); n++) id = `${wanted}_${n}`;
    this.taken.add(id);
    return id;
  }
}

export interface Reference {
  element: 'TLCOrganization' | 'TLCPerson' | 'TLCRole';
  eId: string;
  href: string;
  showAs: string;
}

/** The people, organizations and roles the text refers to, in order of first mention; one entry per distinct name. */
export class References {
  readonly list: Reference[] = [];
  private readonly byKey = new Map<string, string>();
  constructor(private readonly ids: EIds) {}

  /** The eId for `showAs`, registered on first use; `identity` tells apart entries that share a name. */
  ref(element: Reference['element'], showAs: string, wantedId: string, fallback: string, identity = showAs): string {
    const key = `${element}\u0000${identity}`;
    const known = this.byKey.get(key);
    if (known) return known;
    const eId = this.ids.claim(wantedId || fallback);
    const kind = element === 'TLCOrganization' ? 'organization' : element === 'TLCPerson' ? 'person' : 'role';
    this.list.push({ element, eId, href: `/akn/ontology/${kind}/un/${eId}`, showAs });
    this.byKey.set(key, eId);
    return eId;
  }
}
