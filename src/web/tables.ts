// Tables of records (people, statements, builds) that reflow at 320 CSS pixels (WCAG 1.4.10) without hiding a
// column behind a scroll bar: on a narrow screen each row becomes a block and each cell is headed by its column's
// name (from `data-label`, site.css). The explicit roles keep the table's meaning for screen readers once its
// display is no longer a table's, which would otherwise drop it in some browsers.
import { html, type Renderable, type SafeHtml } from './html.js';

export interface TableRow {
  cells: readonly Renderable[];
  /** An anchor for the row, so a page can return to it ("#row-BRA"). */
  id?: string;
  className?: string;
}

export interface DataTableOptions {
  caption?: Renderable;
  /** Names the table by a heading instead of a caption. */
  labelledBy?: string;
  /** The column headings, in the order of each row's cells. */
  columns: readonly string[];
  rows: ReadonlyArray<TableRow | readonly Renderable[]>;
  /** The first cell names the row (a delegation, a person): a row header. */
  rowHeader?: boolean;
}

function asRow(row: TableRow | readonly Renderable[]): TableRow {
  return Array.isArray(row) ? { cells: row } : (row as TableRow);
}

export function dataTable(o: DataTableOptions): SafeHtml {
  const rows = o.rows.map(asRow);
  return html`<table class="data-table" role="table"${o.labelledBy ? html` aria-labelledby="${o.labelledBy}"` : ''}>
${o.caption !== undefined ? html`<caption>${o.caption}</caption>` : ''}
<thead role="rowgroup"><tr role="row">${o.columns.map((c) => html`<th scope="col" role="columnheader">${c}</th>`)}</tr></thead>
<tbody role="rowgroup">${rows.map(
    (r) =>
      html`<tr role="row"${r.id ? html` id="${r.id}"` : ''}${r.className ? html` class="${r.className}"` : ''}>${r.cells.map((cell, i) =>
        i === 0 && o.rowHeader
          ? html`<th scope="row" role="rowheader" data-label="${o.columns[i] ?? ''}">${cell}</th>`
          : html`<td role="cell" data-label="${o.columns[i] ?? ''}">${cell}</td>`,
      )}</tr>`,
  )}</tbody>
</table>`;
}
