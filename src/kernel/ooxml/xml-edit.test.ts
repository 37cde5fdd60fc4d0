import { describe, expect, it } from 'vitest';
import { XmlEditor, type EditElement } from './xml-edit.js';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

/** Runs the editor over `xml`, letting `edit` act on each closed element; the result. */
function edited(xml: string, edit: (editor: XmlEditor, el: EditElement, innerEnd: number, end: number) => void): string {
  const editor = new XmlEditor(xml);
  editor.walk({ close: (el, innerEnd, end) => edit(editor, el, innerEnd, end) });
  return editor.result();
}

describe('XmlEditor', () => {
  it.each([
    ['an empty element', '<w:a xmlns:w="W"><w:x w:v="1"/><w:y/></w:a>', '<w:a xmlns:w="W"><w:y/></w:a>'],
    ['an element with content and a nested one', '<w:a xmlns:w="W"><w:x>t<w:x/></w:x><w:y/></w:a>', '<w:a xmlns:w="W"><w:y/></w:a>'],
    [
      'an element whose attribute holds ">" and quotes',
      `<w:a xmlns:w="W"><w:x w:v='a > "b"'/> <w:y w:v="&gt;"/></w:a>`,
      '<w:a xmlns:w="W"> <w:y w:v="&gt;"/></w:a>',
    ],
    [
      'an element after a comment, a CDATA section and a processing instruction',
      '<?xml version="1.0"?><w:a xmlns:w="W"><!-- <w:x/> --><![CDATA[<w:x/>]]><?pi <w:x/>?><w:x/></w:a>',
      '<?xml version="1.0"?><w:a xmlns:w="W"><!-- <w:x/> --><![CDATA[<w:x/>]]><?pi <w:x/>?></w:a>',
    ],
  ])('removes %s and nothing else', (_label, xml, expected) => {
    expect(edited(xml, (editor, el, _innerEnd, end) => el.local === 'x' && el.depth === 1 && editor.remove(el.start, end))).toBe(expected);
  });

  it('resolves namespaces by URI, whatever the prefix, and a default namespace only for elements', () => {
    const names: string[] = [];
    new XmlEditor(`<root xmlns="D" xmlns:q="${W}"><q:p q:val="1" plain="2"><inner xmlns="E"/></q:p></root>`).walk({
      open: (el) => names.push(`${el.uri}|${el.local}[${el.attributes.map((a) => `${a.uri}|${a.local}=${a.value}`).join(',')}]`),
    });
    expect(names).toEqual(['D|root[]', `${W}|p[${W}|val=1,|plain=2]`, 'E|inner[]']);
  });

  it('removes an attribute with its space, sets one escaped, and replaces a text', () => {
    const xml = '<a x="1"  y = "2" z="3"><t xml:space="preserve">DDE &amp; co</t></a>';
    const editor = new XmlEditor(xml);
    const texts: string[] = [];
    editor.walk({
      open(el) {
        if (el.local !== 'a') return;
        editor.removeAttribute(el.attributes.find((a) => a.local === 'y')!);
        editor.setAttribute(
          el.attributes.find((a) => a.local === 'z')!,
          'a"<b>&\'',
        );
      },
      text: (text) => texts.push(text),
      close(el, innerEnd) {
        if (el.local === 't') editor.setText(el, innerEnd, '<none>');
      },
    });
    expect(texts).toEqual(['DDE & co']);
    expect(editor.result()).toBe('<a x="1" z="a&quot;&lt;b&gt;&amp;&apos;"><t xml:space="preserve">&lt;none&gt;</t></a>');
  });

  it('drops an edit inside a range already removed', () => {
    const xml = '<a><b c="1"><d/></b></a>';
    const editor = new XmlEditor(xml);
    editor.walk({
      close(el, _innerEnd, end) {
        if (el.local === 'd') editor.remove(el.start, end);
        if (el.local === 'b') {
          editor.setAttribute(el.attributes[0]!, '2');
          editor.remove(el.start, end);
        }
      },
    });
    expect(editor.result()).toBe('<a></a>');
    expect(new XmlEditor(xml).result()).toBe(xml);
  });
});
