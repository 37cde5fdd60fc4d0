// Summaries and number formatting for the Markdown tables.

export function summarize(values) {
  const known = values.filter((v) => typeof v === 'number' && Number.isFinite(v)).sort((a, b) => a - b);
  if (known.length === 0) return undefined;
  const mid = Math.floor(known.length / 2);
  const median = known.length % 2 === 1 ? known[mid] : (known[mid - 1] + known[mid]) / 2;
  return { median, min: known[0], max: known[known.length - 1], count: known.length };
}

/** The nearest-rank percentile (p from 0 to 100) of a list of numbers; undefined for an empty list. */
export function percentile(values, p) {
  const known = values.filter((v) => typeof v === 'number' && Number.isFinite(v)).sort((a, b) => a - b);
  if (known.length === 0) return undefined;
  const rank = Math.ceil((p / 100) * known.length);
  return known[Math.min(known.length, Math.max(1, rank)) - 1];
}

const whole = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
// Rostrum/bare ratios are small (a few hundredths): three decimals keep two significant digits.
const threeDecimals = new Intl.NumberFormat('en-US', { minimumFractionDigits: 3, maximumFractionDigits: 3 });

export const formatWhole = (n) => (n === undefined ? 'n/a' : whole.format(n));
export const formatOneDecimal = (n) => (n === undefined ? 'n/a' : oneDecimal.format(n));
export const formatRatio = (n) => (n === undefined ? 'n/a' : threeDecimals.format(n));

/** "5,753 (5,601–5,910)": the median, then the range over the runs (omitted for a single run). */
export function formatSummary(values, format = formatWhole) {
  const s = summarize(values);
  if (!s) return 'n/a';
  return s.count === 1 || s.min === s.max ? format(s.median) : `${format(s.median)} (${format(s.min)}–${format(s.max)})`;
}

export function markdownTable(header, rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}
