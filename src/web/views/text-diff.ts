import { diffWords } from 'diff';
import { html, type Html } from './html.ts';
import type { ViewContext } from '../view-context.ts';

/** TextVersion is what a diff compares of a petition: its title, addressee and text. */
export interface TextVersion {
  title: string;
  addressee: string;
  body: string;
}

// A diff of two very different 20,000-character texts could take long (Myers' algorithm is O(ND)): past this many
// edits, the change is shown as the whole old text removed and the whole new one added.
const MAX_EDITS = 4000;

/**
 * wordDiff marks, word by word, what `after` removed from `before` (struck through) and added (underlined), with
 * words a screen reader says before each change, since most do not announce <del> and <ins>.
 */
export function wordDiff(ctx: ViewContext, before: string, after: string): Html {
  const parts = diffWords(before, after, { maxEditLength: MAX_EDITS }) ?? [
    { value: before, removed: true, added: false, count: 1 },
    { value: after, added: true, removed: false, count: 1 },
  ];
  const removed = ctx.t('versions.removed');
  const added = ctx.t('versions.added');
  return html`${parts.map((part) =>
    part.removed
      ? html`<del><span class="visually-hidden">${removed} </span>${part.value}</del>`
      : part.added
        ? html`<ins><span class="visually-hidden">${added} </span>${part.value}</ins>`
        : part.value,
  )}`;
}

/**
 * versionDiff shows what changed between two versions of a petition, field by field; an unchanged field says so in
 * one line, so that a reader sees at once whether the title, the addressee or the text moved.
 */
export function versionDiff(ctx: ViewContext, before: TextVersion, after: TextVersion, language: string): Html {
  const t = ctx.t;
  const fields: [string, keyof TextVersion][] = [
    ['versions.field-title', 'title'],
    ['versions.field-addressee', 'addressee'],
    ['versions.field-text', 'body'],
  ];
  return html`<dl class="version-diff">${fields.map(
    ([label, key]) => html`<dt>${t(label)}</dt>
  ${
    before[key] === after[key]
      ? html`<dd class="muted">${t('versions.unchanged')}</dd>`
      : html`<dd class="diff-text" lang="${language}">${wordDiff(ctx, before[key], after[key])}</dd>`
  }`,
  )}</dl>`;
}
