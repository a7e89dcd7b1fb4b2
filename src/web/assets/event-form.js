// event-form.js sets a new event's time zone to the organiser's own, as the browser knows it, and moves the default
// start and end to the next full hour on that clock. Without it the form says UTC and still works. It only touches a
// form nobody has sent yet (the server marks it with data-browser-zone), so a form sent back with mistakes keeps its
// input. It runs once, when the page loads, before anyone has typed.

// Browsers name some zones by their new names, which this server's list may still know by the old ones, or the reverse.
/** @type {Readonly<Record<string, string>>} */
const aliases = {
  'Europe/Kyiv': 'Europe/Kiev',
  'Europe/Kiev': 'Europe/Kyiv',
  'Asia/Kolkata': 'Asia/Calcutta',
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Ho_Chi_Minh': 'Asia/Saigon',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Asia/Kathmandu': 'Asia/Katmandu',
  'Asia/Yangon': 'Asia/Rangoon',
  'America/Nuuk': 'America/Godthab',
  'Pacific/Kanton': 'Pacific/Enderbury',
};

/**
 * localInput writes a Date as the browser's wall time in the YYYY-MM-DDTHH:MM form of a datetime-local input.
 *
 * @param {Date} date
 */
function localInput(date) {
  /** @param {number} n */
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/**
 * enhance sets a new event's form to the browser's time zone and the next full hour.
 *
 * @param {HTMLFormElement} form
 */
function enhance(form) {
  /** @type {HTMLSelectElement | null} */
  const select = form.querySelector('select[data-browser-zone]');
  if (!select) return;
  let zone;
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {
    return;
  }
  const values = new Set([...select.options].map((o) => o.value));
  const chosen = values.has(zone) ? zone : values.has(aliases[zone]) ? aliases[zone] : null;
  if (!chosen || chosen === select.value) return;
  select.value = chosen;
  /** @type {HTMLInputElement | null} */
  const start = form.querySelector('input[data-default-start]');
  /** @type {HTMLInputElement | null} */
  const end = form.querySelector('input[data-default-end]');
  if (!start || !end) return;
  const next = new Date();
  next.setMinutes(0, 0, 0);
  next.setHours(next.getHours() + 1);
  start.value = localInput(next);
  end.value = localInput(new Date(next.getTime() + 2 * 3600_000));
}

for (const form of document.querySelectorAll('form[data-event-form]')) enhance(/** @type {HTMLFormElement} */ (form));
