import type { Attachment, AttachmentFile } from '../../domain/attachment.ts';
import type { ViewContext } from '../view-context.ts';
import { type Html, html } from './html.ts';

/** attachmentFileUrl is where one cleaned file of an attachment is served, on our own origin. */
export function attachmentFileUrl(attachment: Attachment, file: AttachmentFile): string {
  return `/a/${attachment.publicId}/${file.name}`;
}

/**
 * attachmentMedia shows one attachment: a photo as <img> with every width in srcset (the browser picks), a video as
 * <video> that loads only its first bytes until played. Both are our cleaned files; the alt text is the organiser's.
 */
export function attachmentMedia(ctx: ViewContext, attachment: Attachment): Html | string {
  const files = attachment.files;
  if (files.length === 0) return '';
  if (attachment.kind === 'video') {
    const video = files[0];
    return html`<video controls preload="metadata" playsinline width="${video.width}" height="${video.height}"
  src="${attachmentFileUrl(attachment, video)}" ${attachment.alt ? html`aria-label="${attachment.alt}"` : ''}>
  <a href="${attachmentFileUrl(attachment, video)}">${ctx.t('attachment.download-video')}</a>
</video>`;
  }
  const widest = [...files].sort((a, b) => b.width - a.width)[0];
  const smallest = [...files].sort((a, b) => a.width - b.width)[0];
  const srcset = files.map((f) => `${attachmentFileUrl(attachment, f)} ${f.width}w`).join(', ');
  return html`<img src="${attachmentFileUrl(attachment, smallest)}" srcset="${srcset}" sizes="(min-width: 60em) 40em, 100vw"
  width="${widest.width}" height="${widest.height}" alt="${attachment.alt}" loading="lazy" decoding="async">`;
}

/** attachmentsSection is the petition page's photos and videos; a video's description is its caption (a photo's is its alt). */
export function attachmentsSection(ctx: ViewContext, attachments: Attachment[]): Html | string {
  if (attachments.length === 0) return '';
  return html`<section class="attachments" aria-label="${ctx.t('attachment.section')}">
${attachments.map(
  (a) => html`<figure class="attachment">
  ${attachmentMedia(ctx, a)}
  ${a.alt && a.kind === 'video' ? html`<figcaption>${a.alt}</figcaption>` : ''}
</figure>`,
)}
</section>`;
}
