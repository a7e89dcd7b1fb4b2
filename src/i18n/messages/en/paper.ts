import type { Messages } from '../index.ts';

/** The English messages of signatures gathered on paper: the petition page's count, the organiser's batches. */
const messages: Messages = {
  'paper.count-including':
    'including {paper, plural, one {# signature} other {# signatures}} collected on paper and {online, number} signed on this site',
  'problem.not-sheet-numbers':
    'Write the sheet numbers as numbers and ranges separated by commas, for example 1-12, 15, 20-22 (sheets are numbered from 1 to 99999).',
  'paper.manage-link': 'Enter a batch of paper signatures',
  'paper.page-title': 'Paper signatures',
  'paper.page-lead':
    'When signature sheets come back, count the signatures and enter them here as one batch. They are added to the petition’s count.',
  'paper.public-note':
    'What becomes public for each batch: how many signatures, the region and the sheet numbers. Names and other details on the sheets are never entered here: keep the sheets safe.',
  'paper.counted': '{count, plural, one {# signature} other {# signatures}} on paper are counted now.',
  'paper.form-heading': 'Enter a batch of paper signatures',
  'paper.field-count': 'Number of signatures',
  'paper.field-region': 'Region',
  'paper.field-sheets': 'Sheet numbers',
  'paper.field-reason': 'Reason for withdrawing',
  'paper.hint-count': 'Count the filled lines on these sheets: from 1 to {max, number}.',
  'paper.hint-region': 'Where the signatures were gathered. Leave empty if the sheets come from several regions.',
  'paper.hint-sheets': 'The numbers printed on the sheets, for example 1-12, 15, 20-22.',
  'paper.region-none': 'Several regions or not given',
  'paper.preview-button': 'Check before adding',
  'paper.closed':
    'The petition is closed: no more batches can be added. A batch entered by mistake can still be withdrawn.',
  'paper.batches-heading': 'Batches entered',
  'paper.none': 'No batch has been entered yet.',
  'paper.batch-line':
    '{count, plural, one {# signature} other {# signatures}}, sheets {sheets}, {region}, entered on {date, date, long}',
  'paper.withdrawn': '(withdrawn: {reason})',
  'paper.reason-corrected': 'entered wrongly, entered again correctly',
  'paper.reason-entered-twice': 'the same sheets were entered twice',
  'paper.reason-sheets-unreliable': 'the sheets cannot be relied on',
  'paper.reason-other': 'another reason',
  'paper.withdraw-legend': 'Withdraw this batch? The reason is public.',
  'paper.withdraw-button': 'Withdraw the batch',
  'paper.preview-heading': 'Check the batch before adding it',
  'paper.preview-warning':
    'Adding it is public and permanent: the count, the region and the sheet numbers go into the public record. If something is wrong later, you can withdraw the batch with a reason, and that is public too.',
  'paper.confirm-button': 'Add the batch',
  'paper.back-to-edit': 'Change it',
  'paper.done-added': 'The batch was added to the count.',
  'paper.done-withdrawn': 'The batch was withdrawn from the count.',
  'paper.packet-heading': 'Signatures collected on paper',
  'paper.packet-summary':
    'Of these, {online, number} were signed on the website and {paper, number} were collected on paper sheets in {batches, plural, one {# batch} other {# batches}}.',
  'paper.packet-batch': '{count, plural, one {# signature} other {# signatures}} from {region}, sheets {sheets}',
};

export default messages;
