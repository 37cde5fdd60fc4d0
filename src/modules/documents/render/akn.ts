// The document model as Akoma Ntoso 3.0 (OASIS LegalDocML), the XML vocabulary for parliamentary and legal
// documents that the UN system uses for machine-readable documents. The output validates against the OASIS schema
// (akomantoso30.xsd). Every value comes from the model, never from the clock, so the same model gives the same bytes.
//
// Layout:
//   <akomaNtoso><doc name="letter">
//     <meta>        identification (FRBR work / expression / manifestation) and the references (TLC*) that the
//                   text points to; only the outermost doc carries references, because the schema wants every eId
//                   unique across the whole tree, nested documents included
//     <preface>     the header block (a container of <p>: organ, docNumber or docStatus "Draft", distribution,
//                   docDate, original languages) and the title (<longTitle><p><docTitle>)
//     <mainBody>    the blocks: paragraph → <p>; numbered → <blockContainer><num>7.</num><p>; a run of lettered
//                   items → <blockList><item><num>(a)</num><p> (inside the numbered paragraph it follows); a run of
//                   bullets → <ul><li>; a heading opens a <section><num>I.</num><heading> whose <content> holds
//                   the blocks up to the next heading
//     <conclusions> the signature blocks that close the text: <p><signature>(Signed) <person>…</person><eol/>
//                   <role>…</role></signature></p>
//     <attachments> <attachment><doc name="annex"> (or "enclosure"), recursively, each with its own identification
//                   and a preface holding its heading, "[Original: …]" and title
//
// A statement's content (a 'content' block) is a <blockContainer class="statement"> with its language in xml:lang
// ("rtl" among its classes when it is written right to left): paragraphs → <p> (a title or heading says so in its
// class, as do a right-to-left paragraph, "rtl", and an alignment, "align-center"), with <b>, <i>, <u>, <sup>, <sub>,
// <a href> and <eol/> for a line break; lists → <ol>/<ul> of <li><p>, nested by level; tables → <table border="1">
// of <tr> with <th> for header rows and <td>, colspan kept; pictures → <img src="data:…" alt>, or the alternative
// text when the picture's bytes are not given; each note → an <authorialNote marker="n" placement="bottom"> where its
// mark is, holding the note's paragraphs (notes are numbered through the document, as in every format).
import type {
  Block as ContentBlock,
  Inline,
  NoteReferenceInline,
  ParagraphBlock,
  TableBlock,
} from '../../../kernel/ooxml/content-model.js';
import { numberNotes, picturePlaceholder, shownPicture, type NumberedNote } from '../domain/content.js';
import { safeLink } from '../domain/content-schema.js';
import { LANGUAGE_NAMES, type OfficialLanguage } from '../../../kernel/i18n/languages.js';
import {
  blockText,
  formatIsoDate,
  originalsLine,
  type Attachment,
  type Block,
  type ContentBlock as ModelContentBlock,
  type DocumentModel,
  type RenderResources,
} from '../domain/document-model.js';

export const AKN_NAMESPACE = 'http://docs.oasis-open.org/legaldocml/ns/akn/3.0';

/** ISO 639-2 codes, the form FRBRlanguage and the expression URIs take. */
export const ISO_639_2: Record<OfficialLanguage, string> = { ar: 'ara', zh: 'zho', en: 'eng', fr: 'fra', ru: 'rus', es: 'spa' };

/** The `doc` name for each kind of document (and the document type in the work URI). */
const DOC_NAMES: Record<DocumentModel['type'], string> = { announcement_letter: 'letter', compilation: 'compilation' };

/**
 * Text reduced to the characters XML 1.0 allows (tab, line feed, U+0020–U+D7FF, U+E000–U+FFFD and the
 * supplementary planes): other C0 controls, lone surrogates and U+FFFE/U+FFFF would make the file unreadable
 * for any parser. Carriage returns become line feeds, as an XML parser would read them anyway. The HTML renderer
 * applies the same rule, so the two formats show the same characters.
 */
export function legalXmlText(text: string): string {
  const source = text.replace(/\r\n?/g, '\n');
  // Most text has nothing to drop: return it untouched without walking it.
  if (!/[^\t\n\u0020-\ud7ff\ue000-\ufffd]/.test(source)) return source;
  let out = '';
  // for…of walks code points, so a valid surrogate pair arrives whole and a lone surrogate alone.
  for (const ch of source) {
    const c = ch.codePointAt(0) ?? 0;
    if (c === 0x9 || c === 0xa || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || c >= 0x10000) out += ch;
  }
  return out;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

function escapeText(text: string): string {
  return legalXmlText(text).replace(/[&<>"']/g, (c) => ESCAPES[c] as string);
}

/** Attribute values also keep their tabs and line feeds, which attribute-value normalisation would turn into spaces. */
function escapeAttribute(text: string): string {
  return escapeText(text).replace(/\t/g, '&#9;').replace(/\n/g, '&#10;');
}

// --- A small XML tree, serialised with indentation where the content model is element-only --------------------

interface XmlElement {
  name: string;
  attrs: [string, string][];
  children: XmlNode[];
}
type XmlNode = XmlElement | string;

function el(name: string, attrs: Record<string, string | undefined> = {}, children: XmlNode[] = []): XmlElement {
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

function serialise(node: XmlElement, indent: string, out: string[]): void {
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
function camelId(text: string): string {
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
class EIds {
  private readonly taken = new Set<string>();
  claim(wanted: string): string {
    let id = wanted;
    for (let n = 2; this.taken.has(id); n++) id = `${wanted}_${n}`;
    this.taken.add(id);
    return id;
  }
}

interface Reference {
  element: 'TLCOrganization' | 'TLCPerson' | 'TLCRole';
  eId: string;
  href: string;
  showAs: string;
}

/** The people, organizations and roles the text refers to, in order of first mention; one entry per distinct name. */
class References {
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

// --- Rendering ------------------------------------------------------------------------------------------------

interface Uris {
  work: string;
  expression: string;
  language: string;
}

class Renderer {
  readonly ids = new EIds();
  readonly refs = new References(this.ids);
  readonly rostrumId: string;
  readonly unId: string;
  readonly organId: string;
  readonly uris: Uris;
  /** The number the next note takes: notes are numbered through the document in reading order. */
  private nextNote = 1;

  constructor(
    readonly model: DocumentModel,
    private readonly resources: RenderResources | undefined,
  ) {
    // Claimed first so that these keep their plain names whatever the text contains.
    this.rostrumId = this.ids.claim('rostrum');
    this.refs.list.push({ element: 'TLCOrganization', eId: this.rostrumId, href: '/akn/ontology/organization/rostrum', showAs: 'Rostrum' });
    this.unId = this.refs.ref('TLCOrganization', 'United Nations', 'unitedNations', 'organization');
    this.organId = this.refs.ref('TLCOrganization', model.organ, camelId(model.organ), 'organ');
    // A draft has no symbol yet, so it is named after its place in Rostrum; the "draft-" prefix keeps that name
    // from ever being mistaken for a symbol.
    const number = model.symbol ? model.symbol.replace(/\//g, '-') : `draft-${model.workPath.slice(1).replace(/\//g, '-')}`;
    const work = `/akn/un/doc/${DOC_NAMES[model.type]}/${model.date}/${encodeURIComponent(number)}`;
    const language = ISO_639_2[model.language];
    this.uris = { work, expression: `${work}/${language}@${model.date}`, language };
  }

  render(): string {
    const root = this.doc(DOC_NAMES[this.model.type], 'main', '', this.rootPreface(), this.model.blocks, this.model.attachments, true);
    const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
    serialise(el('akomaNtoso', { xmlns: AKN_NAMESPACE }, [root]), '', out);
    return `${out.join('\n')}\n`;
  }

  /**
   * One `doc`: the letter itself or an attachment. `component` names it within the work ("main", "annex_1"),
   * `prefix` scopes its eIds ("annex_1__"). The body is rendered before the meta block is assembled, so that the
   * references list holds every person the text mentions.
   */
  private doc(
    name: string,
    component: string,
    prefix: string,
    preface: XmlElement,
    blocks: Block[],
    attachments: Attachment[],
    outermost: boolean,
  ): XmlElement {
    const { main, closing } = splitClosingSignatures(blocks);
    const mainBody = el('mainBody', {}, this.bodyNodes(main, prefix));
    // mainBody must hold at least one element; an attachment made of a title alone gets an empty paragraph.
    if (mainBody.children.length === 0) mainBody.children.push(el('p'));
    const conclusions =
      closing.length > 0
        ? el(
            'conclusions',
            {},
            closing.map((b) => this.signature(b)),
          )
        : undefined;

    const counts = { annex: 0, enclosure: 0 };
    const attachmentNodes = attachments.map((a) => {
      const eId = this.ids.claim(`${prefix}${a.kind}_${++counts[a.kind]}`);
      return el('attachment', { eId }, [this.doc(a.kind, eId, `${eId}__`, this.attachmentPreface(a), a.blocks, a.attachments, false)]);
    });

    const meta = el('meta', {}, [this.identification(component)]);
    if (outermost) meta.children.push(this.references());
    return el('doc', { name }, [
      meta,
      preface,
      mainBody,
      ...(conclusions ? [conclusions] : []),
      ...(attachmentNodes.length > 0 ? [el('attachments', {}, attachmentNodes)] : []),
    ]);
  }

  private identification(component: string): XmlElement {
    const m = this.model;
    const { work, expression, language } = this.uris;
    // The manifestation date is the document's date rather than the moment of rendering, so a rebuild from the
    // stored model gives the same bytes.
    const dateName = m.symbol ? 'issuance' : 'draft';
    const author = `#${this.organId}`;
    return el('identification', { source: `#${this.rostrumId}` }, [
      el('FRBRWork', {}, [
        el('FRBRthis', { value: `${work}/!${component}` }),
        el('FRBRuri', { value: work }),
        el('FRBRalias', { name: 'rostrum', value: m.workPath }),
        el('FRBRdate', { date: m.date, name: dateName }),
        el('FRBRauthor', { href: author }),
        el('FRBRcountry', { value: 'un' }),
        el('FRBRsubtype', { value: DOC_NAMES[m.type] }),
        ...(m.symbol ? [el('FRBRnumber', { value: m.symbol })] : []),
      ]),
      el('FRBRExpression', {}, [
        el('FRBRthis', { value: `${expression}/!${component}` }),
        el('FRBRuri', { value: expression }),
        el('FRBRdate', { date: m.date, name: dateName }),
        el('FRBRauthor', { href: author }),
        el('FRBRlanguage', { language }),
      ]),
      el('FRBRManifestation', {}, [
        el('FRBRthis', { value: `${expression}/!${component}.xml` }),
        el('FRBRuri', { value: `${expression}.akn` }),
        el('FRBRdate', { date: m.date, name: 'generation' }),
        el('FRBRauthor', { href: `#${this.rostrumId}` }),
        el('FRBRformat', { value: 'application/akn+xml' }),
      ]),
    ]);
  }

  private references(): XmlElement {
    return el(
      'references',
      { source: `#${this.rostrumId}` },
      this.refs.list.map((r) => el(r.element, { eId: r.eId, href: r.href, showAs: r.showAs })),
    );
  }

  private rootPreface(): XmlElement {
    const m = this.model;
    return el('preface', {}, [
      el('container', { name: 'headerBlock' }, [
        el('p', {}, [el('organization', { refersTo: `#${this.unId}` }, ['United Nations'])]),
        el('p', {}, [el('docAuthority', { refersTo: `#${this.organId}` }, [m.organ])]),
        el('p', {}, [m.symbol ? el('docNumber', {}, [m.symbol]) : el('docStatus', {}, ['Draft'])]),
        el('p', {}, ['Distr.: ', el('inline', { name: 'distribution' }, [m.distribution])]),
        el('p', {}, [el('docDate', { date: m.date }, [formatIsoDate(m.date)])]),
        el('p', { class: 'originals' }, [originalsLine(m.originals)]),
      ]),
      el('longTitle', {}, [el('p', {}, [el('docTitle', {}, [m.title])])]),
    ]);
  }

  private attachmentPreface(a: Attachment): XmlElement {
    const children: XmlElement[] = [el('block', { name: 'heading' }, [a.heading])];
    if (a.original) children.push(el('p', { class: 'original' }, [`[Original: ${LANGUAGE_NAMES[a.original]}]`]));
    if (a.title.length > 0) children.push(el('longTitle', {}, [el('p', {}, [el('docTitle', {}, lineNodes(a.title))])]));
    return el('preface', {}, children);
  }

  /** The blocks of a body: those before the first heading directly, then one section per heading. */
  private bodyNodes(blocks: Block[], prefix: string): XmlElement[] {
    let i = firstIndex(blocks, (b) => b.kind === 'heading', 0);
    const nodes = this.blockNodes(blocks.slice(0, i), prefix);
    let sections = 0;
    while (i < blocks.length) {
      const heading = blocks[i] as Extract<Block, { kind: 'heading' }>;
      const end = firstIndex(blocks, (b) => b.kind === 'heading', i + 1);
      const eId = this.ids.claim(`${prefix}sec_${++sections}`);
      nodes.push(
        el('section', { eId }, [
          ...(heading.number ? [el('num', {}, [`${heading.number}.`])] : []),
          el('heading', {}, [heading.text]),
          el('content', {}, this.blockNodes(blocks.slice(i + 1, end), `${eId}__`)),
        ]),
      );
      i = end;
    }
    return nodes;
  }

  /** Blocks without headings, as block elements; runs of lettered items and of bullets become one list each. */
  private blockNodes(blocks: Block[], prefix: string): XmlElement[] {
    const nodes: XmlElement[] = [];
    let lists = 0;
    const letteredList = (from: number, into: string): [XmlElement, number] => {
      const end = firstIndex(blocks, (b) => b.kind !== 'lettered', from);
      const listId = this.ids.claim(`${into}list_${++lists}`);
      const items = blocks.slice(from, end).map((b) => {
        const item = b as Extract<Block, { kind: 'lettered' }>;
        return el('item', { eId: this.ids.claim(`${listId}__item_${item.label}`) }, [
          el('num', {}, [`(${item.label})`]),
          el('p', {}, [item.text]),
        ]);
      });
      return [el('blockList', { eId: listId }, items), end];
    };
    let statements = 0;
    let i = 0;
    while (i < blocks.length) {
      const b = blocks[i] as Block;
      switch (b.kind) {
        case 'content':
          nodes.push(this.content(b, this.ids.claim(`${prefix}statement_${++statements}`)));
          i++;
          break;
        case 'paragraph':
          nodes.push(el('p', {}, [b.text]));
          i++;
          break;
        case 'numbered': {
          const eId = this.ids.claim(`${prefix}para_${b.number}`);
          const children: XmlElement[] = [el('num', {}, [`${b.number}.`]), el('p', {}, [b.text])];
          i++;
          // Lettered items right after a numbered paragraph are its sub-items ("7. … the following questions:
          // (a) …"), so they go inside it.
          if (blocks[i]?.kind === 'lettered') {
            const [list, end] = letteredList(i, `${eId}__`);
            children.push(list);
            i = end;
          }
          nodes.push(el('blockContainer', { eId, class: 'numbered' }, children));
          break;
        }
        case 'lettered': {
          const [list, end] = letteredList(i, prefix);
          nodes.push(list);
          i = end;
          break;
        }
        case 'bullet': {
          const end = firstIndex(blocks, (x) => x.kind !== 'bullet', i);
          const listId = this.ids.claim(`${prefix}list_${++lists}`);
          nodes.push(
            el(
              'ul',
              { eId: listId },
              blocks.slice(i, end).map((x) => el('li', {}, [(x as Extract<Block, { kind: 'bullet' }>).text])),
            ),
          );
          i = end;
          break;
        }
        case 'signature':
          nodes.push(this.signature(b));
          i++;
          break;
        case 'heading':
          // Sections are opened by bodyNodes; a heading never reaches here, but its text must not be lost if it does.
          nodes.push(el('p', { class: 'heading' }, [blockText(b)]));
          i++;
          break;
      }
    }
    return nodes;
  }

  /** A statement's content as a blockContainer (the layout is described at the top of the file). */
  private content(b: ModelContentBlock, eId: string): XmlElement {
    const numbered = numberNotes(b.content, this.nextNote);
    this.nextNote = numbered.next;
    const scope: ContentScope = { prefix: `${eId}__`, notes: numbered.noteOf, counters: { list: 0, table: 0 } };
    const children = this.contentBlocks(b.content.blocks, scope);
    // A blockContainer must hold a block: a statement with nothing in it gets an empty paragraph.
    if (children.length === 0) children.push(el('p'));
    return el('blockContainer', { eId, class: b.dir === 'rtl' ? 'statement rtl' : 'statement', 'xml:lang': b.lang }, children);
  }

  private contentBlocks(blocks: readonly ContentBlock[], scope: ContentScope): XmlElement[] {
    const nodes: XmlElement[] = [];
    for (let i = 0; i < blocks.length; i++) {
      const b = blocks[i] as ContentBlock;
      if (b.kind === 'table') {
        const table = this.table(b, scope);
        if (table) nodes.push(table);
      } else if (b.list) {
        const items: ParagraphBlock[] = [b];
        while (i + 1 < blocks.length) {
          const next = blocks[i + 1] as ContentBlock;
          if (next.kind !== 'paragraph' || !next.list) break;
          items.push(next);
          i++;
        }
        nodes.push(...this.lists(items, scope));
      } else {
        nodes.push(this.paragraph(b, scope));
      }
    }
    return nodes;
  }

  private paragraph(p: ParagraphBlock, scope: ContentScope): XmlElement {
    const classes = [
      p.style && p.style !== 'normal' ? p.style : undefined,
      p.rtl ? 'rtl' : undefined,
      p.align ? `align-${p.align}` : undefined,
    ].filter(Boolean);
    return el('p', { class: classes.length > 0 ? classes.join(' ') : undefined }, this.inlines(p.inlines, scope, false));
  }

  private inlines(inlines: readonly Inline[], scope: ContentScope, inLink: boolean): XmlNode[] {
    const out: XmlNode[] = [];
    for (const inline of inlines) {
      switch (inline.kind) {
        case 'text': {
          let node: XmlNode = inline.text;
          if (inline.subscript) node = el('sub', {}, [node]);
          if (inline.superscript) node = el('sup', {}, [node]);
          if (inline.underline) node = el('u', {}, [node]);
          if (inline.italic) node = el('i', {}, [node]);
          if (inline.bold) node = el('b', {}, [node]);
          out.push(node);
          break;
        }
        case 'link': {
          // A link inside a link is its text: the schema's <a> may hold one, but no reader could follow both.
          const href = inLink ? undefined : safeLink(inline.href);
          const children = this.inlines(inline.children, scope, true);
          out.push(...(href === undefined ? children : [el('a', { href }, children)]));
          break;
        }
        case 'break':
          out.push(el('eol'));
          break;
        case 'footnote': {
          const note = scope.notes.get(inline);
          if (note) {
            const eId = this.ids.claim(`${scope.prefix}note_${note.number}`);
            const inner: ContentScope = { prefix: `${eId}__`, notes: new Map(), counters: { list: 0, table: 0 } };
            const children = this.contentBlocks(note.blocks, inner);
            if (children.length === 0) children.push(el('p'));
            out.push(el('authorialNote', { eId, marker: String(note.number), placement: 'bottom' }, children));
          }
          break;
        }
        case 'image': {
          const picture = shownPicture(inline, this.resources);
          if (!picture) out.push(picturePlaceholder(inline));
          else {
            const src = `data:${picture.mediaType};base64,${Buffer.from(picture.bytes.buffer, picture.bytes.byteOffset, picture.bytes.byteLength).toString('base64')}`;
            out.push(el('img', { src, alt: inline.alt, width: picture.width?.toString(), height: picture.height?.toString() }));
          }
          break;
        }
      }
    }
    return out;
  }

  /** A run of list paragraphs as <ol>/<ul> of <li><p>: a deeper level opens a list inside the item before it. */
  private lists(items: readonly ParagraphBlock[], scope: ContentScope): XmlElement[] {
    const top: XmlElement[] = [];
    const open: { ordered: boolean; level: number; list: XmlElement; item?: XmlElement }[] = [];
    for (const item of items) {
      const ordered = item.list?.ordered ?? false;
      const level = Math.min(item.list?.level ?? 0, 8);
      while (open.length > 0 && (open[open.length - 1]?.level ?? 0) > level) open.pop();
      const last = open[open.length - 1];
      if (last && last.level === level && last.ordered !== ordered) open.pop();
      let current = open[open.length - 1];
      if (!current || current.level < level) {
        const list = el(ordered ? 'ol' : 'ul', { eId: this.ids.claim(`${scope.prefix}list_${++scope.counters.list}`) });
        if (current?.item) current.item.children.push(list);
        else top.push(list);
        current = { ordered, level, list };
        open.push(current);
      }
      const li = el('li', {}, [this.paragraph({ ...item, list: undefined }, scope)]);
      current.list.children.push(li);
      current.item = li;
    }
    return top;
  }

  private table(table: TableBlock, scope: ContentScope): XmlElement | undefined {
    const rows = table.rows.filter((r) => r.cells.length > 0);
    if (rows.length === 0) return undefined;
    const eId = this.ids.claim(`${scope.prefix}table_${++scope.counters.table}`);
    return el(
      'table',
      { eId, border: '1' },
      rows.map((row) =>
        el(
          'tr',
          {},
          row.cells.map((cell) =>
            el(
              row.header ? 'th' : 'td',
              { colspan: cell.colspan && cell.colspan > 1 ? String(cell.colspan) : undefined },
              this.contentBlocks(cell.blocks, scope),
            ),
          ),
        ),
      ),
    );
  }

  private signature(b: Block): XmlElement {
    if (b.kind !== 'signature') return el('p', {}, [blockText(b)]);
    const personId = this.refs.ref('TLCPerson', b.name, camelId(b.name), 'person');
    const roleText = b.lines.join(' ');
    const roleId =
      b.lines.length > 0 ? this.refs.ref('TLCRole', roleText, `${personId}Role`, 'role', `${personId}\u0000${roleText}`) : undefined;
    const children: XmlNode[] = ['(Signed) ', el('person', { refersTo: `#${personId}`, as: roleId ? `#${roleId}` : undefined }, [b.name])];
    if (roleId) children.push(el('eol'), el('role', { refersTo: `#${roleId}` }, lineNodes(b.lines)));
    return el('p', { class: 'signature' }, [el('signature', {}, children)]);
  }
}

interface ContentScope {
  /** The eId prefix of the statement or note the elements are in. */
  prefix: string;
  /** The note of each mark; empty inside a note, whose marks are left out. */
  notes: ReadonlyMap<NoteReferenceInline, NumberedNote>;
  counters: { list: number; table: number };
}

/** Lines of one text ("Guidance note: …", "Security Council open debate …") separated by <eol/>. */
function lineNodes(lines: string[]): XmlNode[] {
  return lines.flatMap((line, i) => (i === 0 ? [line] : [el('eol'), line]));
}

/** The index of the first block from `from` on that matches, or the length when none does. */
function firstIndex(blocks: Block[], test: (b: Block) => boolean, from: number): number {
  for (let i = from; i < blocks.length; i++) if (test(blocks[i] as Block)) return i;
  return blocks.length;
}

/**
 * The signatures that close the text go into <conclusions>, where the schema places signatures. When the blocks are
 * nothing but signatures they stay in the body, which may not be empty.
 */
function splitClosingSignatures(blocks: Block[]): { main: Block[]; closing: Block[] } {
  let start = blocks.length;
  while (start > 0 && blocks[start - 1]?.kind === 'signature') start--;
  if (start === 0) return { main: blocks, closing: [] };
  return { main: blocks.slice(0, start), closing: blocks.slice(start) };
}

/**
 * The model as an Akoma Ntoso 3.0 document (UTF-8 XML text, ending with a line feed). `resources` holds the bytes of
 * the pictures the statements show, embedded as data: URIs; a picture not there is written as its alternative text.
 */
export function renderAkomaNtoso(model: DocumentModel, resources?: RenderResources): string {
  return new Renderer(model, resources).render();
}
