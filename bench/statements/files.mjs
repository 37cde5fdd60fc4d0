// The files a delegation uploads: a written statement of about 500 words in Word format, made with the `docx`
// package as Word writes one (title, headings, bold and italic runs, a bulleted list, a footnote), and a signed cover
// letter as a one-page PDF (the letter's text and a scanned signature). Each is made for one delegation from a seed,
// so no two delegations send the same bytes: the server stores files by SHA-256, and identical files would be stored
// once and cost it less than real ones.
import { Buffer } from 'node:buffer';
import { deflateSync } from 'node:zlib';
import { Document, FootnoteReferenceRun, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';

/** A small, fast pseudo-random generator (mulberry32): the same seed gives the same file. */
export function seededRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled(list, random) {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

// The body is drawn from these sentences, in an order and a selection that depend on the seed (the compilation
// benchmark's English statements use them too).
export const SENTENCES = [
  'We thank the presidency for convening this open debate and the briefers for their clear and sobering presentations.',
  'The safety of the women and men who serve under the United Nations flag is a shared responsibility of this Council, the ' +
    'Secretariat, contributing countries and host States.',
  'Peace operations today are deployed in environments where armed groups, improvised explosive devices and disinformation put ' +
    'personnel at risk every day.',
  'Training before deployment remains the most effective protection we can offer, and it must reflect the threats a contingent will ' +
    'actually meet.',
  'Medical evacuation within the first hour after an injury saves lives; every mission should have the aircraft, the crews and the ' +
    'procedures to achieve it.',
  'We call on host Governments to investigate every attack against peacekeepers and to bring those responsible to justice without delay.',
  'Mandates must be clear, realistic and matched by the resources needed to carry them out, or we ask troops to accept risks that ' +
    'nobody has planned for.',
  'Early warning depends on information that is gathered, analysed and shared in time, between missions, host authorities and ' +
    'neighbouring States.',
  'My delegation supports the use of new technologies, from surveillance to field hospitals, provided that they respect the privacy ' +
    'of local communities.',
  'Partnerships with regional organizations bring knowledge of the terrain and of the actors that no mission can build alone in a ' +
    'few months.',
  'Women peacekeepers strengthen the trust of communities and the quality of the information a mission receives, and their full ' +
    'participation must be supported.',
  'Strategic communications help missions answer rumours before they turn into hostility against the people who are there to protect ' +
    'civilians.',
  'Contributing countries need timely reimbursement and predictable support if they are to keep deploying well-equipped and ' +
    'well-trained units.',
  'The protection of civilians and the protection of peacekeepers are not competing goals: a mission that is safe can do more for ' +
    'the population it serves.',
  'We welcome the efforts of the Secretariat to implement the action plan on the safety and security of peacekeepers and encourage ' +
    'regular reporting on its progress.',
  'Lessons learned after each serious incident should be shared with every contributing country, so that the same mistake is not ' +
    'made twice.',
  'Camps must be designed and maintained with protection in mind, including perimeter security, shelters and safe water supplies.',
  'Host-country consent and cooperation remain essential, and restrictions on the movement of missions put lives at risk.',
  'We are concerned by the growing use of explosive devices along supply routes and support further investment in detection and ' +
    'route clearance.',
  'Accountability for crimes against peacekeepers sends a message that attacking the United Nations has consequences.',
  'Capacity-building for national security forces, where mandated, contributes over time to the security of missions and to an ' +
    'orderly transition.',
  'The mental health of personnel deserves the same attention as their physical safety, before, during and after deployment.',
  'Clear command and control arrangements, understood by every contingent, allow a mission to respond as one when it is attacked.',
  'Budgetary decisions taken in New York have direct consequences in the field, and we urge all Member States to pay their assessed ' +
    'contributions in full and on time.',
  'Community engagement and local conflict resolution reduce the threats that missions face and build the legitimacy they need.',
  'We encourage closer coordination between the Departments of Peace Operations, Operational Support and Safety and Security.',
  'Performance and accountability frameworks should recognise units that protect themselves and civilians effectively, and help ' +
    'those that struggle.',
  'Transitions and drawdowns must be planned carefully, since the weeks when a mission leaves an area are often among the most dangerous.',
  'The Council should consult contributing countries early when it designs or renews mandates, drawing on their experience in the field.',
  'My country has deployed personnel to several missions and honours the memory of those who lost their lives in the service of peace.',
];

const HEADINGS = [
  'Training and preparedness',
  'Medical support',
  'Accountability',
  'Information and early warning',
  'Partnerships',
  'Mandates and resources',
];
const TARGET_WORDS = 500;
const countWords = (text) => text.split(/\s+/).filter(Boolean).length;

/**
 * A statement of about 500 words by `missionName`, for the debate `theme`. The text's order and selection, and so
 * its bytes, depend on `seed`.
 */
export async function statementDocx({ missionName, theme, date, seed }) {
  const random = seededRandom(seed);
  const sentences = shuffled(SENTENCES, random);
  const headings = shuffled(HEADINGS, random);
  const opening = `Statement by the ${missionName}`;
  const children = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(opening)] }),
    new Paragraph({ children: [new TextRun({ text: `Open debate of the Security Council on ${theme}, ${date}`, italics: true })] }),
    new Paragraph('Mr. President,'),
  ];
  let words = countWords(`${opening} Open debate of the Security Council on ${theme}, ${date} Mr. President, I thank you.`);
  const fits = (text) => words + countWords(text) <= TARGET_WORDS;
  let next = 0;
  let paragraph = 0;
  // Paragraphs of two or three sentences, a heading before every third, as long as the statement stays within its
  // length; then up to three priorities as a bulleted list, from the sentences left.
  while (next < sentences.length) {
    const heading = paragraph % 3 === 1 ? headings[(paragraph / 3) | 0] : undefined;
    let take = sentences.slice(next, next + 2 + (random() < 0.5 ? 1 : 0));
    if (!fits(`${heading ?? ''} ${take.join(' ')}`)) take = take.slice(0, 2);
    if (!fits(`${heading ?? ''} ${take.join(' ')}`)) break;
    if (heading) {
      children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(heading)] }));
      words += countWords(heading);
    }
    next += take.length;
    const [first, ...rest] = take;
    const runs = [new TextRun({ text: first, bold: paragraph === 0 }), new TextRun(` ${rest.join(' ')}`)];
    if (paragraph === 2) runs.push(new FootnoteReferenceRun(1));
    children.push(new Paragraph({ children: runs }));
    words += countWords(take.join(' '));
    paragraph++;
  }
  let bullets = 0;
  for (const sentence of sentences.slice(next)) {
    if (bullets === 3) break;
    if (!fits(sentence)) continue;
    children.push(new Paragraph({ text: sentence, bullet: { level: 0 } }));
    words += countWords(sentence);
    bullets++;
  }
  children.push(new Paragraph('I thank you.'));
  const doc = new Document({
    creator: missionName,
    title: opening,
    footnotes: { 1: { children: [new Paragraph('See resolution 2518 (2020) on the safety and security of peacekeepers.')] } },
    sections: [{ children }],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

// -- The cover letter: a one-page PDF written object by object, with a correct cross-reference table. -------------

/** Text for a PDF string in the standard Helvetica encoding: Latin-1, anything else as '?', delimiters escaped. */
function pdfText(text) {
  return [...text]
    .map((c) => (c.charCodeAt(0) > 255 ? '?' : c))
    .join('')
    .replace(/[\\()]/g, (c) => `\\${c}`);
}

/** A scanned signature: a few pen strokes on paper with scanner noise (noise compresses poorly, as in a real scan). */
function signatureImage(random, width = 360, height = 110) {
  const pixels = new Uint8Array(width * height);
  for (let i = 0; i < pixels.length; i++) pixels[i] = 235 + Math.floor(random() * 20);
  const strokes = 3 + Math.floor(random() * 3);
  for (let s = 0; s < strokes; s++) {
    const amplitude = 15 + random() * 25;
    const frequency = 0.02 + random() * 0.06;
    const phase = random() * Math.PI * 2;
    const from = Math.floor(random() * width * 0.3);
    const to = from + Math.floor(width * (0.4 + random() * 0.3));
    for (let x = from; x < Math.min(width, to); x++) {
      const y = Math.round(height / 2 + amplitude * Math.sin(x * frequency + phase));
      for (let dy = -2; dy <= 2; dy++) {
        const row = y + dy;
        if (row >= 0 && row < height) pixels[row * width + x] = 20 + Math.floor(random() * 40);
      }
    }
  }
  return { width, height, data: deflateSync(pixels) };
}

/** A signed cover letter from `missionName`, signed by `signatory` (name, title), as a one-page PDF. */
export function coverLetterPdf({ missionName, signatory, theme, date, seed }) {
  const random = seededRandom(seed ^ 0x5bd1e995);
  const lines = [
    [72, 770, 13, missionName],
    [72, 740, 11, `New York, ${date}`],
    [72, 700, 11, 'Excellency,'],
    [72, 676, 11, 'I have the honour to transmit herewith the written statement of my delegation'],
    [72, 662, 11, `for the open debate of the Security Council on ${theme.slice(0, 60)}${theme.length > 60 ? '...' : ''}.`],
    [72, 638, 11, 'I should be grateful if the statement could be included in the compilation of written'],
    [72, 624, 11, 'statements of the debate and circulated as a document of the Security Council.'],
    [72, 600, 11, 'Please accept, Excellency, the assurances of my highest consideration.'],
    [72, 470, 11, `(Signed) ${signatory.name}`],
    [72, 456, 11, signatory.title],
    [72, 400, 9, `Reference ${seed.toString(16).padStart(8, '0')}`],
  ];
  const content = [
    'BT',
    ...lines.map(([x, y, size, text]) => `/F1 ${size} Tf 1 0 0 1 ${x} ${y} Tm (${pdfText(text)}) Tj`),
    'ET',
    'q 180 0 0 55 72 490 cm /Sig Do Q',
  ].join('\n');
  const image = signatureImage(random);

  const objects = [
    Buffer.from('<< /Type /Catalog /Pages 2 0 R >>'),
    Buffer.from('<< /Type /Pages /Kids [3 0 R] /Count 1 >>'),
    Buffer.from(
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> /XObject << /Sig 6 0 R >> >> ' +
        '/Contents 5 0 R >>',
    ),
    Buffer.from('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>'),
    Buffer.concat([
      Buffer.from(`<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n`),
      Buffer.from(content, 'latin1'),
      Buffer.from('\nendstream'),
    ]),
    Buffer.concat([
      Buffer.from(
        `<< /Type /XObject /Subtype /Image /Width ${image.width} /Height ${image.height} /ColorSpace /DeviceGray /BitsPerComponent 8 ` +
          `/Filter /FlateDecode /Length ${image.data.length} >>\nstream\n`,
      ),
      image.data,
      Buffer.from('\nendstream'),
    ]),
  ];
  const parts = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let offset = parts[0].length;
  const offsets = [];
  objects.forEach((body, i) => {
    const object = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), body, Buffer.from('\nendobj\n')]);
    offsets.push(offset);
    parts.push(object);
    offset += object.length;
  });
  const xref = [
    `xref\n0 ${objects.length + 1}\n`,
    '0000000000 65535 f \n',
    ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`),
  ].join('');
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${offset}\n%%EOF\n`));
  return new Uint8Array(Buffer.concat(parts));
}
