// The written statements of the compilation benchmark (bench/compilation.mjs): Word files of about 500 words each, made
// with the `docx` package as Word writes them, and varied as a debate's statements are. Every statement has a title, a
// line on the debate, headings, bold and italic runs, two footnotes and a bulleted list; every second one a table with
// a header row, every third one a numbered list, every fourth one a link, every tenth one a small chart (PNG). One in
// ten is in Arabic (right to left, Arabic text and notes), one in ten in Chinese, the others in English. Each is made
// from a seed, so a run makes the same files every time, and no two statements are the same bytes.
import {
  AlignmentType,
  Document,
  ExternalHyperlink,
  FootnoteReferenceRun,
  HeadingLevel,
  ImageRun,
  LevelFormat,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { encodePng } from './png.mjs';
import { seededRandom, SENTENCES } from './statements/files.mjs';

const ARABIC = [
  'أشكركم، السيد الرئيس، على عقد هذه المناقشة المفتوحة بشأن سلامة وأمن حفظة السلام.',
  'إن حماية الرجال والنساء الذين يخدمون تحت علم الأمم المتحدة مسؤولية مشتركة لمجلس الأمن والأمانة العامة والبلدان المساهمة بقوات ' +
    'والدول المضيفة.',
  'تعمل عمليات السلام اليوم في بيئات تتعرض فيها لهجمات الجماعات المسلحة والأجهزة المتفجرة المرتجلة وحملات التضليل.',
  'ويظل التدريب قبل النشر أنجع وسيلة للحماية، ويجب أن يعكس التهديدات الفعلية التي ستواجهها الوحدات في الميدان.',
  'إن الإجلاء الطبي خلال الساعة الأولى بعد الإصابة ينقذ الأرواح، وينبغي أن تتوفر لكل بعثة الطائرات والأطقم والإجراءات اللازمة لتحقيق ذلك.',
  'ندعو الحكومات المضيفة إلى التحقيق في كل هجوم على حفظة السلام وتقديم المسؤولين عنه إلى العدالة دون تأخير.',
  'يجب أن تكون الولايات واضحة وواقعية وأن تقترن بالموارد اللازمة لتنفيذها، وإلا فإننا نطلب من القوات قبول مخاطر لم يخطط لها أحد.',
  'يعتمد الإنذار المبكر على معلومات تُجمع وتُحلل وتُتبادل في الوقت المناسب بين البعثات والسلطات المضيفة والدول المجاورة.',
  'وتسهم النساء في صفوف حفظة السلام في تعزيز ثقة المجتمعات المحلية وتحسين نوعية المعلومات التي تتلقاها البعثة.',
  'إن المساءلة عن الجرائم المرتكبة ضد حفظة السلام توجه رسالة واضحة مفادها أن الاعتداء على الأمم المتحدة له عواقب.',
  'وتستحق الصحة النفسية للأفراد الاهتمام نفسه الذي تحظى به سلامتهم البدنية، قبل النشر وأثناءه وبعده.',
  'ونحث جميع الدول الأعضاء على دفع اشتراكاتها المقررة كاملة وفي موعدها، لأن القرارات المتخذة في نيويورك لها عواقب مباشرة في الميدان.',
  'وتجلب الشراكات مع المنظمات الإقليمية معرفة بالأرض وبالجهات الفاعلة لا يمكن لأي بعثة أن تبنيها وحدها في بضعة أشهر.',
  'ويجب التخطيط للمراحل الانتقالية وتقليص البعثات بعناية، لأن الأسابيع التي تغادر فيها البعثة منطقة ما كثيرا ما تكون من أخطر الفترات.',
];

const CHINESE = [
  '主席先生，感谢你召开这次关于维和人员安全与安保问题的公开辩论会，也感谢各位通报人的清晰介绍。',
  '保护在联合国旗帜下服务的男女维和人员是安理会、秘书处、出兵国和东道国的共同责任。',
  '当今的和平行动部署在武装团体、简易爆炸装置和虚假信息每天都威胁人员安全的环境中。',
  '部署前培训仍然是我们能够提供的最有效的保护，培训内容必须反映部队在实地实际面临的威胁。',
  '受伤后一小时内的医疗后送能够挽救生命，每个特派团都应具备实现这一目标的飞机、机组和程序。',
  '我们呼吁东道国政府调查每一起针对维和人员的袭击，并毫不拖延地将肇事者绳之以法。',
  '任务授权必须明确、切合实际，并配有执行任务所需的资源，否则我们就是要求部队承担无人规划的风险。',
  '预警取决于在特派团、东道国当局和邻国之间及时收集、分析和共享的信息。',
  '女性维和人员增强了社区的信任，提高了特派团所获信息的质量，应当支持她们的充分参与。',
  '追究袭击维和人员罪行的责任，传达了攻击联合国必须付出代价的明确信息。',
  '人员的心理健康与身体安全同样值得关注，无论是在部署之前、部署期间还是部署之后。',
  '我们敦促所有会员国按时足额缴纳摊款，因为在纽约作出的预算决定会直接影响实地工作。',
  '与区域组织的伙伴关系带来了对当地地形和各方行为体的了解，这是任何特派团在几个月内都无法独自建立的。',
  '过渡和缩编必须精心规划，因为特派团撤离某一地区的那几周往往是最危险的时期。',
];

const TEXTS = {
  en: {
    sentences: SENTENCES,
    headings: [
      'Training and preparedness',
      'Medical support',
      'Accountability',
      'Information and early warning',
      'Partnerships',
      'Mandates and resources',
    ],
    opening: 'Mr. President,',
    closing: 'I thank you.',
    debate: (theme, date) => `Open debate of the Security Council on ${theme}, ${date}`,
    notes: [
      'See resolution 2518 (2020) on the safety and security of peacekeepers.',
      'Report of the Secretary-General on the implementation of the action plan (S/2021/123), para. 14.',
    ],
    bullets: [
      'First, training before deployment.',
      'Second, medical evacuation within the hour.',
      'Third, accountability for every attack.',
      'Fourth, predictable funding.',
    ],
    numbered: ['Adopt clear and realistic mandates.', 'Share early-warning information in time.', 'Report regularly to the Council.'],
    table: ['Year', 'Incidents', 'Fatalities'],
    caption: 'Incidents against peacekeepers, by year (source: Department of Safety and Security).',
    link: 'the Department of Peace Operations',
  },
  ar: {
    sentences: ARABIC,
    headings: ['التدريب والتأهب', 'الدعم الطبي', 'المساءلة', 'المعلومات والإنذار المبكر', 'الشراكات', 'الولايات والموارد'],
    opening: 'السيد الرئيس،',
    closing: 'وشكرا.',
    debate: (_theme, date) => `مناقشة مجلس الأمن المفتوحة بشأن سلامة حفظة السلام، ${date}`,
    notes: ['انظر القرار 2518 (2020) بشأن سلامة وأمن حفظة السلام.', 'تقرير الأمين العام عن تنفيذ خطة العمل (S/2021/123)، الفقرة 14.'],
    bullets: [
      'أولا، التدريب قبل النشر.',
      'ثانيا، الإجلاء الطبي خلال ساعة.',
      'ثالثا، المساءلة عن كل هجوم.',
      'رابعا، التمويل الذي يمكن التنبؤ به.',
    ],
    numbered: ['اعتماد ولايات واضحة وواقعية.', 'تبادل معلومات الإنذار المبكر في الوقت المناسب.', 'تقديم تقارير منتظمة إلى المجلس.'],
    table: ['السنة', 'الحوادث', 'الوفيات'],
    caption: 'الحوادث ضد حفظة السلام حسب السنة (المصدر: إدارة شؤون السلامة والأمن).',
    link: 'إدارة عمليات السلام',
  },
  zh: {
    sentences: CHINESE,
    headings: ['培训与准备', '医疗支助', '问责', '信息与预警', '伙伴关系', '任务与资源'],
    opening: '主席先生：',
    closing: '谢谢。',
    debate: (_theme, date) => `安全理事会关于维和人员安全问题的公开辩论会，${date}`,
    notes: ['见关于维和人员安全与安保的第2518(2020)号决议。', '秘书长关于行动计划执行情况的报告(S/2021/123)，第14段。'],
    bullets: ['第一，部署前培训。', '第二，一小时内医疗后送。', '第三，对每一起袭击追责。', '第四，可预测的经费。'],
    numbered: ['通过明确、切合实际的任务授权。', '及时共享预警信息。', '定期向安理会报告。'],
    table: ['年份', '事件', '死亡人数'],
    caption: '按年份分列的针对维和人员的事件（来源：安全和安保部）。',
    link: '和平行动部',
  },
};

/** Words as a reader counts them: space-separated in English and Arabic; in Chinese, about 1.8 characters to a word. */
function wordsOf(language, text) {
  if (language === 'zh') return Math.round(text.replace(/[\s，。、：；（）()]/g, '').length / 1.8);
  return text.split(/\s+/).filter(Boolean).length;
}

/** A small bar chart as a PNG (white background, grey bars whose heights depend on the seed). */
function chartPng(random, width = 160, height = 90) {
  const bars = Array.from({ length: 6 }, () => 15 + Math.floor(random() * (height - 25)));
  return encodePng(width, height, (x, y) => {
    const bar = Math.floor((x - 10) / 24);
    const inBar = x >= 10 && bar < bars.length && (x - 10) % 24 < 16 && height - 5 - y < bars[bar] && y < height - 5;
    return inBar ? [90, 90, 90] : y === height - 5 ? [0, 0, 0] : [255, 255, 255];
  });
}

/** The language of statement number `index` (from 0): one in ten Arabic, one in ten Chinese, the others English. */
export function statementLanguage(index) {
  return index % 10 === 3 ? 'ar' : index % 10 === 7 ? 'zh' : 'en';
}

const TARGET_WORDS = 500;

/**
 * Statement number `index` of the compilation, by `missionName`: about 500 words (the body, the lists and the table;
 * the notes come on top), as a .docx. The same index and name give the same bytes.
 */
export async function compilationStatementDocx({ index, missionName, theme, date }) {
  const language = statementLanguage(index);
  const t = TEXTS[language];
  const rtl = language === 'ar';
  const random = seededRandom(0x9e3779b9 ^ (index * 7919));
  const pick = () => t.sentences[Math.floor(random() * t.sentences.length)];
  const run = (text, options = {}) => new TextRun({ text, ...(rtl ? { rightToLeft: true } : {}), ...options });
  const paragraph = (children, options = {}) => new Paragraph({ ...(rtl ? { bidirectional: true } : {}), ...options, children });

  const title = language === 'en' ? `Statement by the ${missionName}` : language === 'ar' ? `بيان ${missionName}` : `${missionName}的发言`;
  const children = [
    paragraph([run(title)], { heading: HeadingLevel.TITLE }),
    paragraph([run(t.debate(theme, date), { italics: true })]),
    paragraph([run(t.opening)]),
  ];
  let words = wordsOf(language, `${title} ${t.debate(theme, date)} ${t.opening} ${t.closing}`);
  const count = (text) => (words += wordsOf(language, text));

  const listItems = (items, reference) => {
    for (const item of items) {
      children.push(paragraph([run(item)], { numbering: { reference, level: 0 } }));
      count(item);
    }
  };
  const table = () => {
    const years = [2017, 2018, 2019, 2020];
    const row = (cells, header = false) =>
      new TableRow({
        tableHeader: header,
        children: cells.map(
          (text) =>
            new TableCell({ width: { size: 3000, type: WidthType.DXA }, children: [paragraph([run(text, header ? { bold: true } : {})])] }),
        ),
      });
    children.push(paragraph([run(t.caption, { italics: true })]));
    count(t.caption);
    children.push(
      new Table({
        width: { size: 9000, type: WidthType.DXA },
        ...(rtl ? { visuallyRightToLeft: true } : {}),
        rows: [
          row(t.table, true),
          ...years.map((y) => row([String(y), String(20 + Math.floor(random() * 80)), String(Math.floor(random() * 30))])),
        ],
      }),
    );
    count(`${t.table.join(' ')} ${years.join(' ')} ${'0 '.repeat(8)}`);
  };

  // Paragraphs of two or three sentences, a heading before every third, the lists, the table and the chart placed
  // among them, until the statement reaches its length.
  const extras = [
    () => listItems(t.bullets.slice(0, 3), 'bullets'),
    ...(index % 3 === 0 ? [() => listItems(t.numbered, 'numbered')] : []),
    ...(index % 2 === 0 ? [table] : []),
    ...(index % 10 === 5
      ? [
          () =>
            children.push(
              paragraph(
                [
                  new ImageRun({
                    type: 'png',
                    data: chartPng(random),
                    transformation: { width: 160, height: 90 },
                    altText: { name: 'Chart', description: t.caption, title: 'Chart' },
                  }),
                ],
                {
                  alignment: AlignmentType.CENTER,
                },
              ),
            ),
        ]
      : []),
  ];
  let n = 0;
  while (words < TARGET_WORDS - 20) {
    if (n % 3 === 1) {
      const heading = t.headings[Math.floor(n / 3) % t.headings.length];
      children.push(paragraph([run(heading)], { heading: HeadingLevel.HEADING_1 }));
      count(heading);
    }
    const take = Array.from({ length: 2 + (random() < 0.5 ? 1 : 0) }, pick);
    const [first, ...rest] = take;
    const runs = [run(first, n === 0 ? { bold: true } : {}), run(` ${rest.join(' ')}`)];
    if (n === 1) runs.push(new FootnoteReferenceRun(1));
    if (n === 4) runs.push(new FootnoteReferenceRun(2));
    if (n === 3 && index % 4 === 1) {
      runs.push(
        run(' '),
        new ExternalHyperlink({
          link: 'https://peacekeeping.un.org/en/safety-and-security',
          children: [run(t.link, { style: 'Hyperlink' })],
        }),
      );
    }
    children.push(paragraph(runs));
    count(take.join(' '));
    n++;
    if (n % 2 === 0 && extras.length > 0) extras.shift()();
  }
  for (const extra of extras) extra();
  children.push(paragraph([run(t.closing)]));

  const levels = (format, text) => [
    { level: 0, format, text, alignment: AlignmentType.START, style: { paragraph: { indent: { left: 720, hanging: 360 } } } },
  ];
  const doc = new Document({
    creator: missionName,
    title,
    numbering: {
      config: [
        { reference: 'bullets', levels: levels(LevelFormat.BULLET, '\u2022') },
        { reference: 'numbered', levels: levels(LevelFormat.DECIMAL, '%1.') },
      ],
    },
    footnotes: {
      1: { children: [paragraph([run(t.notes[0])])] },
      2: { children: [paragraph([run(t.notes[1])])] },
    },
    sections: [{ children }],
  });
  return { bytes: new Uint8Array(await Packer.toBuffer(doc)), language, words };
}
