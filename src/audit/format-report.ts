import type { AuditReport } from './audit-record.ts';

/** formatReport writes an audit report for people: what was verified, each petition's and event's counts, and what is wrong. */
export function formatReport(report: AuditReport): string {
  const lines: string[] = [];
  const n = (value: number) => value.toLocaleString('en-US');
  lines.push(`Audit of the public record of ${report.url}`, '');
  if (report.mirror !== null)
    lines.push(
      `  mirror      its copy of the site's counts was read after the checkpoint of ${n(report.mirror.after)} entries`,
    );
  lines.push(`  origin      ${report.origin ?? '(unknown)'}`);
  const source = {
    option: 'given with --key',
    policy: `given by the policy in ${report.witnesses?.path ?? '--policy'}`,
    state: `pinned in ${report.statePath}`,
    'first-use': 'trusted on first use',
  }[report.keySource];
  lines.push(`  key         ${report.key} (${source})`);
  if (report.checkpoint !== null) {
    lines.push(`  checkpoint  ${n(report.checkpoint.size)} entries, root ${report.checkpoint.root}`);
    const v = report.verified;
    lines.push(
      `  verified    ${n(v.entries)} entries in ${n(v.bundles)} bundles and ${n(v.tiles)} tiles, ${mebibytes(v.bytes)} in ${v.seconds.toFixed(1)} s (${n(v.entriesPerSecond)} entries/s)`,
    );
  }
  lines.push(
    `  previous    ${report.previous === null ? 'none: this is the first audit with this state file' : `${n(report.previous.size)} entries, root ${report.previous.root}`}`,
  );
  lines.push(
    `  state       ${report.stateSaved ? `saved to ${report.statePath}` : 'not saved (the record did not verify)'}`,
  );

  if (report.witnesses !== null) lines.push(...witnessLines(report.witnesses));

  if (report.checkpoint !== null) {
    lines.push('', 'Entries');
    for (const [type, count] of Object.entries(report.entries))
      lines.push(`  ${type.padEnd(22)} ${n(count).padStart(12)}`);
  }

  if (report.petitions.length > 0) {
    lines.push('', 'Petitions online (record = added − withdrawn − invalidated; site = GET /api/petitions)');
    const header = ['petition', 'status', 'added', 'confirmed', 'withdrawn', 'invalidated', 'record', 'site', ''];
    const rows = report.petitions.map((p) => [
      p.id,
      p.status + (p.responses > 0 ? ', responded' : ''),
      n(p.added),
      n(p.confirmed),
      n(p.withdrawn),
      n(p.invalidated),
      n(p.record),
      p.site === null ? '—' : n(p.site),
      difference(p.site, p.record),
    ]);
    lines.push(...table([header, ...rows]));
  }

  // Paper batches are counted apart: online (the table above), on paper, and the two together, record against site.
  const paper = report.petitions.filter((p) => p.batches > 0 || (p.sitePaper ?? 0) > 0);
  if (paper.length > 0) {
    lines.push('', 'Paper signatures (record = batches added − withdrawn; total = online + paper)');
    const header = ['petition', 'batches', 'paper', 'site', '', 'total', 'site', ''];
    const rows = paper.map((p) => {
      const total = p.record + p.paper;
      const siteTotal = p.site === null ? null : p.site + (p.sitePaper ?? 0);
      return [
        p.id,
        n(p.batches),
        n(p.paper),
        p.sitePaper === null ? '—' : n(p.sitePaper),
        difference(p.sitePaper, p.paper),
        n(total),
        siteTotal === null ? '—' : n(siteTotal),
        difference(siteTotal, total),
      ];
    });
    lines.push(...table([header, ...rows], [0, 4, 7]));
  }

  if (report.invalidations.length > 0) {
    lines.push('', 'Invalidations (signatures an organiser took out, with the reason given)');
    lines.push(
      ...table([
        ['invalidation', 'petition', 'reason', 'signatures'],
        ...report.invalidations.map((i) => [i.id, i.petition, i.reason, n(i.signatures)]),
      ]),
    );
  }

  if (report.events.length > 0) {
    lines.push(
      '',
      "Events (record = the record's entries; site = GET /api/events/<code>; votes with merges folded in)",
    );
    const header = ['event', 'status', 'asked', 'site', 'answered', 'votes', 'site', 'hidden', 'site'];
    const rows = report.events.map((e) => [
      e.code,
      e.status + (e.moderation === 'before' ? ', moderated' : ''),
      n(e.record.asked),
      site(e.site?.asked, e.record.asked),
      n(e.record.answered),
      n(e.record.votes),
      site(e.site?.votes, e.record.votes),
      hidden(e.record.hidden),
      e.site === null ? '—' : hidden(e.site.hidden) === hidden(e.record.hidden) ? '=' : hidden(e.site.hidden),
    ]);
    lines.push(...table([header, ...rows], [0, 1, 7, 8]));
  }

  if (report.notes.length > 0) {
    lines.push('', 'Notes');
    for (const note of report.notes) lines.push(`  · ${note.message}`);
    lines.push(
      ...unlisted(
        report,
        report.notes.map((f) => f.code),
      ),
    );
  }

  lines.push(
    '',
    report.discrepancyCount === 0 ? 'Discrepancies: none' : `Discrepancies: ${n(report.discrepancyCount)}`,
  );
  for (const d of report.discrepancies) lines.push(`  ✗ ${d.code}: ${d.message}`);
  const witnessFailures = report.discrepancies.filter((d) => WITNESS_FAILURES.has(d.code));
  if (witnessFailures.length > 0) {
    // Loud: this is the one failure that may mean people are shown different records.
    const bar = '!'.repeat(78);
    lines.push('', bar, '!! THE WITNESSES DO NOT VOUCH FOR THIS RECORD.');
    for (const d of witnessFailures) lines.push(`!! ${d.message}.`);
    lines.push('!! Keep this report: it holds the checkpoint as the site served it.', bar);
  }
  lines.push(
    ...unlisted(
      report,
      report.discrepancies.map((f) => f.code),
    ),
  );

  lines.push(
    '',
    report.ok
      ? 'Result: every signature, tile and entry verifies, and every count on the site follows from the record.'
      : 'Result: the record or the site FAILS the audit (see the discrepancies above).',
  );
  return `${lines.join('\n')}\n`;
}

const WITNESS_FAILURES = new Set(['quorum-not-met', 'bad-cosignature', 'policy-log-mismatch']);

/** witnessLines say which witnesses cosigned the checkpoint checked, and whether that meets the policy's quorum. */
function witnessLines(w: NonNullable<AuditReport['witnesses']>): string[] {
  const n = (value: number) => value.toLocaleString('en-US');
  if (w.source === 'none') return ['', 'Witnesses', '  none: the site serves no witness policy (/log/policy)'];
  const lines = [
    '',
    w.source === 'option'
      ? `Witnesses (the policy in ${w.path}, pinned)`
      : "Witnesses (the site's own policy, /log/policy: weaker than one you saved; pin it with --policy)",
    `  quorum      ${w.quorum}`,
  ];
  if (w.checkpoint !== null)
    lines.push(`  checkpoint  ${n(w.checkpoint.size)} entries, root ${w.checkpoint.root} (${w.checkpoint.source})`);
  const words = {
    verified: 'cosigned',
    absent: 'did not cosign',
    invalid: 'a cosignature that DOES NOT VERIFY',
    unchecked: 'cannot check ML-DSA-44 on this Node: not counted',
  };
  for (const c of w.witnesses) {
    const mark = c.status === 'verified' ? '✓' : '✗';
    const time =
      c.timestamp === null
        ? ''
        : ` at ${new Date(c.timestamp * 1000).toISOString().replace('T', ' ').slice(0, 19)} UTC`;
    lines.push(
      `  ${mark} ${c.name}  ${words[c.status]}${time}`,
      `      key ${c.key}${c.url === null ? '' : `, ${c.url}`}`,
    );
  }
  const total = w.witnesses.length;
  lines.push(
    w.quorumMet
      ? `  ${total === 0 ? 'The policy asks for no witness.' : `Quorum met: ${n(w.cosigned)} of ${n(total)} witnesses cosigned the checkpoint checked.`}`
      : `  QUORUM NOT MET: ${n(w.cosigned)} of ${n(total)} witnesses cosigned the checkpoint checked.`,
  );
  return lines;
}

/** site shows a count on the site beside the record's: = when they agree, else the site's and the difference. */
function site(shown: number | undefined, recorded: number): string {
  if (shown === undefined) return '—';
  if (shown === recorded) return '=';
  const difference =
    shown > recorded
      ? `+${(shown - recorded).toLocaleString('en-US')}`
      : `−${(recorded - shown).toLocaleString('en-US')}`;
  return `${shown.toLocaleString('en-US')} (${difference})`;
}

/** hidden writes hidden questions by reason, the reasons in the order the public sees them. */
function hidden(byReason: Record<string, number>): string {
  const order = ['spam', 'abuse', 'personal-data', 'duplicate', 'off-topic'];
  const reasons = Object.keys(byReason)
    .filter((r) => byReason[r] > 0)
    .sort((a, b) => (order.indexOf(a) >>> 0) - (order.indexOf(b) >>> 0) || (a < b ? -1 : 1));
  return reasons.length === 0 ? '0' : reasons.map((r) => `${r} ${byReason[r].toLocaleString('en-US')}`).join(', ');
}

function unlisted(report: AuditReport, listedCodes: string[]): string[] {
  const listed = new Map<string, number>();
  for (const code of listedCodes) listed.set(code, (listed.get(code) ?? 0) + 1);
  return [...listed]
    .filter(([code, shown]) => report.counts[code] > shown)
    .map(([code, shown]) => `  … and ${(report.counts[code] - shown).toLocaleString('en-US')} more ${code}`);
}

function table(rows: string[][], left: number[] = [0, 1]): string[] {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((r) => r[column].length)));
  return rows.map((r) =>
    `  ${r.map((cell, column) => (left.includes(column) ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ')}`.trimEnd(),
  );
}

function mebibytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** difference writes what a site shows against the record: '=', +n, −n, or nothing when the site shows nothing. */
function difference(site: number | null, record: number): string {
  if (site === null) return '';
  if (site === record) return '=';
  const n = (value: number) => value.toLocaleString('en-US');
  return site > record ? `+${n(site - record)}` : `−${n(record - site)}`;
}
