import type { Messages } from '../index.ts';
import common from './common.ts';
import petition from './petition.ts';
import admin from './admin.ts';
import account from './account.ts';
import mail from './mail.ts';
import errors from './errors.ts';
import organiser from './organiser.ts';
import record from './record.ts';
import events from './events.ts';
import screen from './screen.ts';
import moderation from './moderation.ts';
import privacy from './privacy.ts';
import home from './home.ts';
import share from './share.ts';
import witness from './witness.ts';
import aboutSite from './about-site.ts';
import eventList from './event-list.ts';
import notices from './notices.ts';
import corrections from './corrections.ts';
import attachments from './attachments.ts';
import paper from './paper.ts';

/** The ru catalogue, gathered from one file per area of the site. */
const messages: Messages = {
  ...common,
  ...petition,
  ...admin,
  ...account,
  ...mail,
  ...errors,
  ...organiser,
  ...record,
  ...events,
  ...screen,
  ...moderation,
  ...privacy,
  ...home,
  ...share,
  ...witness,
  ...aboutSite,
  ...eventList,
  ...notices,
  ...corrections,
  ...attachments,
  ...paper,
};
export default messages;
