// Every cell carries its column's name, which heads it on a narrow screen; rows keep their anchors.
import { describe, expect, it } from 'vitest';
import { html } from './html.js';
import { dataTable } from './tables.js';

describe('dataTable', () => {
  const markup = dataTable({
    caption: 'People',
    columns: ['Name', 'E-mail', ''],
    rows: [{ id: 'row-1', cells: ['Ana <Silva>', 'ana@example.org', html`<a href="/x">Edit</a>`] }, ['Bo', 'bo@example.org', '']],
    rowHeader: true,
  }).value;

  it('heads each cell with its column and escapes text', () => {
    expect(markup).toContain('<th scope="row" role="rowheader" data-label="Name">Ana &lt;Silva&gt;</th>');
    expect(markup).toContain('<td role="cell" data-label="E-mail">bo@example.org</td>');
    expect(markup).toContain('<td role="cell" data-label=""><a href="/x">Edit</a></td>');
  });

  it('keeps the row anchor, the caption and the column headers', () => {
    expect(markup).toContain('<tr role="row" id="row-1">');
    expect(markup).toContain('<caption>People</caption>');
    expect(markup.match(/<th scope="col"/g)).toHaveLength(3);
  });
});
