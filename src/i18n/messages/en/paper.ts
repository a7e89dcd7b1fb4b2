import type { Messages } from '../index.ts';

/** The English messages of signatures gathered on paper: the petition page's count, the organiser's batches. */
const messages: Messages = {
  'paper.count-including':
    'including {paper, plural, one {# signature} other {# signatures}} collected on paper and {online, number} signed on this site',
  'problem.not-sheet-numbers':
    'Write the sheet numbers as numbers and ranges separated by commas, for example 1-12, 15, 20-22 (sheets are numbered from 1 to 99999).',
};

export default messages;
