// share.js makes the share boxes' buttons work: copy the link, or open the phone's own share sheet. Without
// JavaScript the link, its QR code and the plain links to messengers are there all the same.

for (const box of document.querySelectorAll('[data-share]')) {
  const url = box.getAttribute('data-share-url') || '';
  const title = box.getAttribute('data-share-title') || '';
  const status = box.querySelector('[data-share-status]');
  /** @type {HTMLButtonElement | null} */
  const copy = box.querySelector('[data-share-copy]');
  /** @type {HTMLButtonElement | null} */
  const native = box.querySelector('[data-share-native]');
  /** @type {HTMLInputElement | null} */
  const input = box.querySelector('[data-share-input]');
  /** @param {string} text */
  const say = (text) => {
    if (status) status.textContent = text;
  };
  if (copy && navigator.clipboard) {
    copy.hidden = false;
    copy.addEventListener('click', async () => {
      try {
        await navigator.clipboard.writeText(url);
        say(box.getAttribute('data-copied') || copy.getAttribute('data-copied') || '');
      } catch {
        // Refused (no permission, not a secure page): select the link so that the person can copy it by hand.
        input?.select();
      }
    });
  }
  if (native && typeof navigator.share === 'function') {
    native.hidden = false;
    native.addEventListener('click', () => {
      navigator.share({ title, url }).catch(() => {
        /* closed without sharing: nothing to do */
      });
    });
  }
  input?.addEventListener('focus', () => input.select());
}
