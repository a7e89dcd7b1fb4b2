import { translator, isLanguage, type Language } from '../i18n/i18n.ts';
import { goalPercent } from '../domain/goal-percent.ts';
import type { PetitionProgress, WaitingQuestions } from '../domain/notices.ts';

/** NoticeTemplate names the emails to organisers and moderators about their own petitions and events. */
export type NoticeTemplate = 'daily-summary' | 'goal-reached' | 'questions-waiting';

/** isNoticeTemplate tells a notice's template from a signer's email's. */
export function isNoticeTemplate(template: string): template is NoticeTemplate {
  return template === 'daily-summary' || template === 'goal-reached' || template === 'questions-waiting';
}

/**
 * NoticeContent is what a notice tells: the counts, titles and paths of the person's own petitions or events. Nothing
 * in it is about anyone who signed or asked.
 */
export type NoticeContent =
  | { template: 'daily-summary'; petitions: PetitionProgress[] }
  | { template: 'goal-reached'; petition: PetitionProgress }
  | { template: 'questions-waiting'; events: WaitingQuestions[] };

/**
 * noticeParams writes a notice as the queue keeps its params (sealed, as every queued email's): the content, and the
 * secret of the link that stops this kind of email.
 */
export function noticeParams(notice: NoticeContent, unsubscribe: string): Record<string, string> {
  const { template: _template, ...content } = notice;
  return { unsubscribe, content: JSON.stringify(content) };
}

/**
 * renderNotice writes a notice in the person's language. Its subject names this site and no petition or event (it
 * shows on a locked screen and in the provider's index); its first lines are a greeting. The body gives the person's
 * own petitions or events with counts, and ends with the link that stops this kind of email and the settings page;
 * the same link goes in the List-Unsubscribe header, for mail clients that offer it as a button.
 */
export function renderNotice(
  template: NoticeTemplate,
  language: string,
  params: Record<string, string>,
  publicUrl: string,
): { subject: string; text: string; unsubscribe: string } {
  const lang: Language = isLanguage(language) ? language : 'en';
  const t = translator(lang);
  const site = t('site.name');
  const content = JSON.parse(params.content ?? '{}') as Record<string, unknown>;
  const unsubscribe = `${publicUrl}/unsubscribe/${params.unsubscribe}`;
  const footer = t('mail.notice-footer', { site, unsubscribe, settings: `${publicUrl}/admin/notifications` });
  const open = (path: string) => t('mail.open', { link: `${publicUrl}${path}` });
  if (template === 'daily-summary') {
    const signed = new Intl.NumberFormat(lang, { signDisplay: 'exceptZero' });
    const blocks = (content.petitions as PetitionProgress[]).map((p) => {
      const facts = [t('mail.summary-count', { added: signed.format(p.added), total: p.total })];
      if (p.goal) facts.push(t('mail.summary-goal', { goal: p.goal, percent: goalPercent(p.total, p.goal) }));
      return `${p.title}\n  ${facts.join('; ')}\n  ${open(p.path)}`;
    });
    return {
      subject: t('mail.summary-subject', { site }),
      text: [t('mail.summary-intro'), ...blocks, footer].join('\n\n'),
      unsubscribe,
    };
  }
  if (template === 'goal-reached') {
    const p = content.petition as PetitionProgress;
    return {
      subject: t('mail.goal-subject'),
      text: [t('mail.goal-body', { title: p.title, goal: p.goal ?? 0, total: p.total }), open(p.path), footer].join(
        '\n\n',
      ),
      unsubscribe,
    };
  }
  const blocks = (content.events as WaitingQuestions[]).map(
    (e) => `${e.title}\n  ${t('mail.questions-count', { waiting: e.waiting })}\n  ${open(e.path)}`,
  );
  return {
    subject: t('mail.questions-subject'),
    text: [t('mail.questions-intro'), ...blocks, footer].join('\n\n'),
    unsubscribe,
  };
}
