import type { Messages } from '../index.ts';

/** The uk messages of the common area (to be translated). */
const messages: Messages = {
};
export default messages;
