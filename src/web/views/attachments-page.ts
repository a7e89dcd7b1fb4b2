import { ATTACHMENT_REMOVAL_REASONS, type Attachment, altTextLimit } from '../../domain/attachment.ts';
import type { Petition } from '../../domain/petition.ts';
import type { ViewContext } from '../view-context.ts';
import { attachmentMedia } from './attachments-section.ts';
import { type Html, html } from './html.ts';
import { errorSummary, fieldError, layout } from './layout.ts';

/** AttachmentForm is the upload form sent back with its mistakes, or a remove form's, keyed by field. */
export interface AttachmentForm {
  values: Record<string, string>;
  errors: Record<string, string>;
}

/** AttachmentNotice says what the organiser just did, shown once after the redirect back. */
export type AttachmentNotice = 'uploaded' | 'published' | 'removed' | null;

const accepted =
  'image/jpeg,image/png,image/webp,image/heic,image/heif,.heic,.heif,video/mp4,video/quicktime,video/webm,.mov';

/**
 * attachmentsPage is where an organiser adds photos and videos to a petition: a warning in plain words of what
 * cleaning cannot hide, the upload form, and each cleaned file as it will be served, to check before publishing.
 */
export function attachmentsPage(
  ctx: ViewContext,
  p: Petition,
  attachments: Attachment[],
  notice: AttachmentNotice,
  form: AttachmentForm = { values: {}, errors: {} },
): Html {
  const t = ctx.t;
  const csrf = html`<input type="hidden" name="_csrf" value="${ctx.csrf}">`;
  const open = p.status === 'draft' || p.status === 'open';
  const labels: Record<string, string> = {
    file: t('attachment.field-file'),
    alt: t('attachment.field-alt'),
    reason: t('attachment.field-reason'),
  };
  const summary = Object.fromEntries(
    Object.entries(form.errors).map(([field, message]) => [field, `${labels[field] ?? field}: ${message}`]),
  );
  const described = (field: string, hint: string) =>
    [hint, form.errors[field] ? `${field}-error` : ''].filter(Boolean).join(' ');
  return layout(
    ctx,
    t('attachment.page-title', { title: p.title }),
    html`
<p class="small"><a href="/admin/petitions/${p.publicId}">${t('attachment.back')}</a></p>
<h1>${t('attachment.page-title', { title: p.title })}</h1>
${notice ? html`<p class="notice" role="status">${t(`attachment.done-${notice}`)}</p>` : ''}
${errorSummary(ctx, summary)}
<div class="attachment-warning">
  <h2>${t('attachment.warning-heading')}</h2>
  <p>${t('attachment.warning-removed')}</p>
  <p><strong>${t('attachment.warning-visible')}</strong></p>
</div>
${
  open
    ? html`<form method="post" action="/admin/petitions/${p.publicId}/attachments" enctype="multipart/form-data" novalidate>
  ${csrf}
  <h2>${t('attachment.upload-heading')}</h2>
  <p>
    <label for="file">${t('attachment.field-file')}</label>
    <span class="hint" id="file-hint">${t('attachment.field-file-hint')}</span>
    ${fieldError('file', form.errors.file)}
    <input type="file" id="file" name="file" accept="${accepted}" required aria-describedby="${described('file', 'file-hint')}"
      ${form.errors.file ? html`aria-invalid="true"` : ''}>
  </p>
  <p>
    <label for="alt">${t('attachment.field-alt')}</label>
    <span class="hint" id="alt-hint">${t('attachment.field-alt-hint')}</span>
    ${fieldError('alt', form.errors.alt)}
    <textarea id="alt" name="alt" rows="2" maxlength="${altTextLimit}" aria-describedby="${described('alt', 'alt-hint')}"
      ${form.errors.alt ? html`aria-invalid="true"` : ''}>${form.values.alt ?? ''}</textarea>
  </p>
  <p><button type="submit">${t('attachment.upload')}</button></p>
</form>`
    : html`<p>${t('attachment.closed')}</p>`
}
<h2>${t('attachment.list-heading')}</h2>
${attachments.length === 0 ? html`<p>${t('attachment.none')}</p>` : ''}
<div class="attachments">
${attachments.map((a) => item(ctx, p, a, csrf))}
</div>`,
    { styles: ['/assets/attachments.css'] },
  );
}

function item(ctx: ViewContext, p: Petition, a: Attachment, csrf: Html): Html {
  const t = ctx.t;
  const base = `/admin/petitions/${p.publicId}/attachments/${a.publicId}`;
  const published = a.status === 'published';
  const reasonId = `reason-${a.publicId}`;
  return html`<figure class="attachment">
  ${attachmentMedia(ctx, a)}
  <figcaption>
    <span class="badge ${published ? 'open' : 'draft'}">${t(`attachment.status-${a.status}`)}</span>
    ${a.alt ? html` ${a.alt}` : ''}
    <br><span class="small">${published ? t('attachment.published-note') : t('attachment.cleaned-note')}</span>
  </figcaption>
  <div class="attachment-actions">
    ${
      published
        ? ''
        : p.status === 'draft'
          ? html`<p class="small">${t('attachment.publish-after-petition')}</p>`
          : html`<form method="post" action="${base}/publish">${csrf}<button type="submit">${t('attachment.publish')}</button></form>`
    }
    <form method="post" action="${base}/remove">${csrf}
      ${
        published
          ? html`<label for="${reasonId}">${t('attachment.field-reason')}</label>
      <select id="${reasonId}" name="reason" required>
        <option value="">${t('attachment.reason-choose')}</option>
        ${ATTACHMENT_REMOVAL_REASONS.map((r) => html`<option value="${r}">${t(`attachment.reason-${r}`)}</option>`)}
      </select>`
          : ''
      }
      <button type="submit" class="secondary">${t('attachment.remove')}</button>
    </form>
  </div>
</figure>`;
}
