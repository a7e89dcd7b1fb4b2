// record-audit.js runs the whole-record audit of /audit: it hands the work to record-audit-worker.js, so that the page
// stays responsive while a large record is downloaded and hashed, shows its progress, then the verdict and a table of
// every petition's and event's counts, the record's beside the site's. It loads nothing from another site; a mirror
// on another origin is read only if it allows it (Access-Control-Allow-Origin).
import { fill, messagesOf, supported } from './record-verify.js';

/** @import { RecordAuditMessages } from '../views/record-audit-page.ts' */
/** @import { WitnessMessages } from '../views/witnesses-section.ts' */
/** @import { AuditAnswer, AuditReport, AuditRequest } from './record-audit-worker.js' */

const section = /** @type {HTMLElement | null} */ (document.querySelector('[data-record-audit]'));
if (section) setUp(section);

/**
 * setUp shows the audit's form, and runs the audit in a worker when it is sent, if this browser can.
 *
 * @param {HTMLElement} section the element with `data-record-audit`, which record-audit-page.ts renders with each part
 */
async function setUp(section) {
  /** @type {RecordAuditMessages} */
  const messages = messagesOf(section);
  const form = /** @type {HTMLFormElement} */ (section.querySelector('form'));
  const button = /** @type {HTMLButtonElement} */ (form.querySelector('button'));
  const progress = /** @type {HTMLProgressElement} */ (section.querySelector('progress'));
  const status = /** @type {HTMLElement} */ (section.querySelector('[data-status]'));
  const results = /** @type {HTMLElement} */ (section.querySelector('[data-results]'));
  const number = new Intl.NumberFormat(document.documentElement.lang || undefined);
  section.hidden = false;
  if (!(await supported())) {
    form.hidden = true;
    status.textContent = messages.unsupported;
    return;
  }
  /**
   * say writes the status line; a verdict (good or bad) is shown as one.
   * @param {string} text
   * @param {'good' | 'bad'} [kind]
   */
  const say = (text, kind) => {
    status.textContent = text;
    status.classList.toggle('verdict', kind !== undefined);
    status.classList.toggle('good', kind === 'good');
    status.classList.toggle('bad', kind === 'bad');
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const typed = /** @type {HTMLInputElement} */ (form.elements.namedItem('source')).value.trim();
    let base = location.origin;
    if (typed !== '') {
      try {
        base = new URL(typed).href;
      } catch {
        say(fill(messages.failed, { reason: messages.reasons.network }, String), 'bad');
        return;
      }
    }
    button.disabled = true;
    results.replaceChildren();
    progress.hidden = false;
    progress.value = 0;
    say(messages.starting);
    let shown = 0;
    const worker = new Worker('/audit/worker.js', { type: 'module' });
    /** @param {MessageEvent<AuditAnswer>} message */
    worker.onmessage = ({ data }) => {
      if (data.kind === 'progress') {
        progress.max = data.total;
        progress.value = data.done;
        // A screen reader hears the status line: about once a second, not at every bundle.
        if (performance.now() - shown > 1000 || data.done === data.total) {
          shown = performance.now();
          say(fill(messages.step, { done: data.done, total: data.total }, (n) => number.format(n)));
        }
        return;
      }
      worker.terminate();
      button.disabled = false;
      progress.hidden = true;
      if (data.kind === 'failed') {
        say(fill(messages.failed, { reason: messages.reasons[data.code] ?? data.code }, String), 'bad');
        return;
      }
      const report = data.report;
      if (report.problems.length === 0) {
        say(
          fill(messages.ok, { seconds: Math.round(report.seconds * 10) / 10, size: report.size }, (n) =>
            number.format(n),
          ),
          'good',
        );
      } else {
        say(
          fill(
            messages.bad[
              new Intl.PluralRules(document.documentElement.lang || undefined).select(report.problems.length)
            ] ?? messages.bad.other,
            { count: report.problems.length },
            (n) => number.format(n),
          ),
          'bad',
        );
      }
      results.append(...renderReport(report, messages, number));
    };
    worker.onerror = () => {
      worker.terminate();
      button.disabled = false;
      say(fill(messages.failed, { reason: messages.reasons.network }, String), 'bad');
    };
    /** @type {AuditRequest} */
    const request = {
      base,
      // record-audit-page.ts renders the section with the record's key.
      key: /** @type {string} */ (section.getAttribute('data-key')),
      policy: /** @type {HTMLTextAreaElement | null} */ (form.elements.namedItem('policy'))?.value.trim() ?? '',
    };
    worker.postMessage(request);
  });
}

/**
 * renderReport shows what the audit found: the witnesses, the problems, and the counts of the record beside the site's.
 *
 * @param {AuditReport} report
 * @param {RecordAuditMessages} messages
 * @param {Intl.NumberFormat} number
 * @returns {HTMLElement[]}
 */
function renderReport(report, messages, number) {
  /** @type {HTMLElement[]} */
  const nodes = [];
  nodes.push(renderWitnesses(report.witnesses, messages.witnesses ?? {}, number));
  if (report.problems.length > 0) {
    const list = document.createElement('ul');
    for (const problem of report.problems.slice(0, 50)) {
      const item = document.createElement('li');
      item.textContent = problem;
      list.append(item);
    }
    nodes.push(list);
  }
  /**
   * table is a table of rows of text under a caption and a header row.
   * @param {string} caption
   * @param {string[]} header
   * @param {string[][]} rows
   */
  const table = (caption, header, rows) => {
    const element = document.createElement('table');
    const title = document.createElement('caption');
    title.textContent = caption;
    element.append(title);
    const head = element.createTHead().insertRow();
    for (const text of header) {
      const cell = document.createElement('th');
      cell.scope = 'col';
      cell.textContent = text;
      head.append(cell);
    }
    const body = element.createTBody();
    for (const row of rows) {
      const line = body.insertRow();
      for (const text of row) line.insertCell().textContent = text;
    }
    return element;
  };
  /** @param {number | null} value */
  const n = (value) => (value === null ? '—' : number.format(value));
  /** @param {'ok' | 'bad'} verdict */
  const mark = (verdict) => (verdict === 'ok' ? '✓' : '✗');
  if (report.petitions.length > 0) {
    nodes.push(
      table(
        messages.petitions,
        [messages.petition, messages.record, messages.site, ''],
        report.petitions.map((p) => [p.id, n(p.record), n(p.site), mark(p.verdict)]),
      ),
    );
  }
  if (report.events.length > 0) {
    nodes.push(
      table(
        messages.events,
        [messages.event, messages.asked, messages.site, messages.votes, messages.site, ''],
        report.events.map((e) => [e.code, n(e.asked), n(e.siteAsked), n(e.votes), n(e.siteVotes), mark(e.verdict)]),
      ),
    );
  }
  return nodes;
}

/**
 * renderWitnesses says, in plain words, which witnesses signed the checkpoint checked and whether that is enough.
 *
 * @param {AuditReport['witnesses']} witnesses null when there is no witness policy
 * @param {Partial<WitnessMessages>} words
 * @param {Intl.NumberFormat} number
 * @returns {HTMLElement}
 */
function renderWitnesses(witnesses, words, number) {
  const box = document.createElement('section');
  box.setAttribute('data-witnesses', witnesses === null ? 'none' : witnesses.quorumMet ? 'met' : 'not-met');
  const heading = document.createElement('h3');
  heading.textContent = words.heading ?? '';
  box.append(heading);
  /**
   * say adds a paragraph.
   * @param {string | undefined} text
   * @param {string} [className]
   */
  const say = (text, className) => {
    const p = document.createElement('p');
    p.textContent = text ?? '';
    if (className) p.className = className;
    box.append(p);
  };
  if (witnesses === null || witnesses.total === 0) {
    say(words.none ?? '');
    return box;
  }
  const plural = new Intl.PluralRules(document.documentElement.lang || undefined).select(witnesses.cosigned);
  const templates = witnesses.quorumMet ? words.met : words.notMet;
  say(
    fill(templates?.[plural] ?? templates?.other ?? '', { count: witnesses.cosigned }, (n) => number.format(n)),
    witnesses.quorumMet ? 'good' : 'bad',
  );
  say(
    fill(words.size ?? '', { size: witnesses.size }, (n) => number.format(n)),
    'small',
  );
  const list = document.createElement('ul');
  for (const w of witnesses.witnesses) {
    const item = document.createElement('li');
    item.setAttribute('data-witness', w.name);
    item.setAttribute('data-cosigned', w.status);
    const name = document.createElement('code');
    name.textContent = w.name;
    const time =
      w.timestamp === null
        ? ''
        : ` (${new Date(w.timestamp * 1000).toLocaleString(document.documentElement.lang || undefined)})`;
    item.append(name, ` — ${words[w.status] ?? w.status}${time}`);
    list.append(item);
  }
  box.append(list);
  say(witnesses.pinned ? words.pinned : words.site, 'small muted');
  return box;
}
