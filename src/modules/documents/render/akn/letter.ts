// The document model as Akoma Ntoso 3.0 (OASIS LegalDocML), the XML vocabulary for parliamentary and legal
// documents that the UN system uses for machine-readable documents. The output validates against the OASIS schema
// (akomantoso30.xsd). Every value comes from the model, never from the clock, so the same model gives the same bytes.
//
// Layout:
//   <akomaNtoso><doc name="letter">
//     <meta>        identification (FRBR work / expression / manifestation) and the references (TLC*) that the
//                   text points to (meta.ts); only the outermost doc carries references, because the schema wants
//                   every eId unique across the whole tree, nested documents included
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
//
// A statement's content (a 'content' block) is written by content.ts, and the XML itself (escaping, serialising,
// eIds) by xml-writer.ts.
import { LANGUAGE_NAMES } from '../../../../kernel/i18n/languages.js';
import {
  blockText,
  formatIsoDate,
  originalsLine,
  type Attachment,
  type Block,
  type DocumentModel,
  type RenderResources,
} from '../../domain/document-model.js';
import { AknContentWriter } from './content.js';
import { AKN_NAMESPACE, DOC_NAMES, documentUris, identification, referencesNode, type Uris } from './meta.js';
import { camelId, EIds, el, References, serialise, type XmlElement, type XmlNode } from './xml-writer.js';

class Renderer {
  readonly ids = new EIds();
  readonly refs = new References(this.ids);
  readonly rostrumId: string;
  readonly unId: string;
  readonly organId: string;
  readonly uris: Uris;
  private readonly content: AknContentWriter;

  constructor(
    readonly model: DocumentModel,
    resources: RenderResources | undefined,
  ) {
    this.content = new AknContentWriter(this.ids, resources);
    // Claimed first so that these keep their plain names whatever the text contains.
    this.rostrumId = this.ids.claim('rostrum');
    this.refs.list.push({ element: 'TLCOrganization', eId: this.rostrumId, href: '/akn/ontology/organization/rostrum', showAs: 'Rostrum' });
    this.unId = this.refs.ref('TLCOrganization', 'United Nations', 'unitedNations', 'organization');
    this.organId = this.refs.ref('TLCOrganization', model.organ, camelId(model.organ), 'organ');
    this.uris = documentUris(model);
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

    const meta = el('meta', {}, [identification(this.model, this.uris, component, this)]);
    if (outermost) meta.children.push(referencesNode(this.refs, this.rostrumId));
    return el('doc', { name }, [
      meta,
      preface,
      mainBody,
      ...(conclusions ? [conclusions] : []),
      ...(attachmentNodes.length > 0 ? [el('attachments', {}, attachmentNodes)] : []),
    ]);
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
          nodes.push(this.content.statement(b, this.ids.claim(`${prefix}statement_${++statements}`)));
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
