import { translator, isLanguage } from '../i18n/i18n.ts';

/** renderMail writes an email's subject and text in the signer's language from a template name and its params. */
export function renderMail(template: string, language: string, params: Record<string, string>, publicUrl: string): { subject: string; text: string } {
  const t = translator(isLanguage(language) ? language : 'en');
  const petitionUrl = `${publicUrl}/p/${params.petition}`;
  if (template === 'confirm-signature') {
    return {
      subject: t('mail.confirm-subject', { title: params.title }),
      text: t('mail.confirm-body', { title: params.title, link: `${publicUrl}/confirm/${params.token}`, petition: petitionUrl }),
    };
  }
  if (template === 'already-signed') {
    return {
      subject: t('mail.already-subject', { title: params.title }),
      text: t('mail.already-body', { title: params.title, petition: petitionUrl }),
    };
  }
  throw new Error(`unknown mail template ${template}`);
}
