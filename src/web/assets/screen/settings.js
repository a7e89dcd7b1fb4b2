// settings.js keeps the big screen's settings (the join box and the top questions shown or not, the text size) in
// this browser and in the address's hash, so that a bookmarked screen opens as it was left.

/**
 * ScreenSettings are what the person running the projector chose.
 * @typedef {object} ScreenSettings
 * @property {boolean} join the box telling how to join is shown
 * @property {boolean} top the top questions are shown
 * @property {number} size the text size, a step from -3 to 4 (0 is as the screen's width sets it)
 */

const storageKey = 'veche.screen';

/**
 * readSettings reads settings from what was stored (JSON, or null) and the address's hash, which wins; anything
 * unreadable leaves the default.
 *
 * @param {string | null} stored
 * @param {string} hash without its `#`
 * @returns {ScreenSettings}
 */
export function readSettings(stored, hash) {
  /** @type {ScreenSettings} */
  const settings = { join: true, top: true, size: 0 };
  try {
    Object.assign(settings, JSON.parse(stored ?? '{}'));
  } catch {
    // Unreadable: the defaults will do.
  }
  const params = new URLSearchParams(hash);
  if (params.has('join')) settings.join = params.get('join') !== '0';
  if (params.has('top')) settings.top = params.get('top') !== '0';
  if (params.has('size')) settings.size = Number(params.get('size'));
  if (!Number.isInteger(settings.size)) settings.size = 0;
  settings.size = Math.max(-3, Math.min(4, settings.size));
  return settings;
}

/**
 * settingsHash writes settings as the address's hash (without its `#`).
 *
 * @param {ScreenSettings} settings
 */
export function settingsHash(settings) {
  return `join=${settings.join ? 1 : 0}&top=${settings.top ? 1 : 0}&size=${settings.size}`;
}

/**
 * loadSettings reads this browser's settings and the address's.
 *
 * @returns {ScreenSettings}
 */
export function loadSettings() {
  let stored = null;
  try {
    stored = localStorage.getItem(storageKey);
  } catch {
    // Private windows may refuse storage: the defaults will do.
  }
  return readSettings(stored, location.hash.slice(1));
}

/**
 * applySettings shows the settings on the page, and with `save` keeps them in this browser and the address.
 *
 * @param {ScreenSettings} settings
 * @param {boolean} save
 */
export function applySettings(settings, save) {
  const html = document.documentElement;
  html.classList.toggle('no-join', !settings.join);
  html.classList.toggle('no-top', !settings.top);
  if (settings.size === 0) html.removeAttribute('data-size');
  else html.setAttribute('data-size', String(settings.size));
  if (!save) return;
  try {
    localStorage.setItem(storageKey, JSON.stringify(settings));
  } catch {
    // As above.
  }
  history.replaceState(null, '', `${location.pathname}${location.search}#${settingsHash(settings)}`);
}
