import type { Messages } from '../index.ts';

/** The ru messages of the mail area (to be translated). */
const messages: Messages = {
};
export default messages;
