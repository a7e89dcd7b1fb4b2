import { translator, isLanguage } from '../i18n/i18n.ts';
import { isNoticeTemplate, renderNotice } from './render-notice.ts';

/** MailTemplate names the emails Veche sends signers; each is plain text and names no petition (notices: render-notice.ts). */
export type MailTemplate = 'confirm-signature' | 'already-signed';

/**
 * renderMail writes an email's subject and text in the signer's language. Neither names the petition nor links to
 * it: a subject shows on a locked phone's screen and in the mail provider's index, and a body's first lines show as
 * its preview. Only the confirmation page the link opens says which petition it is.
 */
export function renderMail(
  template: string,
  language: string,
  params: Record<string, string>,
  publicUrl: string,
): { subject: string; text: string; unsubscribe?: string } {
  const t = translator(isLanguage(language) ? language : 'en');
  if (template === 'confirm-signature') {
    return {
      subject: t('mail.confirm-subject'),
      text: t('mail.confirm-body', { link: `${publicUrl}/confirm/${params.token}` }),
    };
  }
  if (template === 'already-signed') {
    return { subject: t('mail.already-subject'), text: t('mail.already-body') };
  }
  if (isNoticeTemplate(template)) return renderNotice(template, language, params, publicUrl);
  throw new Error(`unknown mail template ${template}`);
}
