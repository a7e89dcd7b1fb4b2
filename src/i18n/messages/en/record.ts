import type { Messages } from '../index.ts';

/** The English messages of the public record's pages: receipts in the record, the petition's coverage, the audit. */
const messages: Messages = {
  'record.coverage':
    '{covered, number} of the {total, plural, one {# signature} other {# signatures}} {covered, plural, one {is} other {are}} already in the public record, where anyone can check {covered, plural, one {it} other {them}}.',
  'record.coverage-ahead':
    'The public record counts {covered, plural, one {# signature} other {# signatures}} for now: withdrawals and removals made since are added within seconds.',
  'record.coverage-empty':
    'No signature of this petition is in the public record yet: new ones are added within seconds.',
  'record.audit-link': 'Check the count yourself',
  'record.heading': 'In the public record',
  'record.pending': 'Your signature will be in the public record within seconds.',
  'record.reload': 'Reload this page',
  'record.waiting-long': 'This is taking longer than usual. Reload the page in a minute.',
  'record.in-record':
    'Your signature is in the public record, counted in {count, plural, one {# signature} other {# signatures}}.',
  'record.removed':
    '{status, select, withdrawn {The public record shows your signature and its withdrawal.} other {The public record shows your signature and its removal by the organisers, with their reason.}} The petition counts {count, plural, one {# signature} other {# signatures}} in the record.',
  'record.removal-pending':
    '{status, select, withdrawn {Your withdrawal} other {The organisers’ removal of your signature}} will be in the public record within seconds.',
  'record.server-checked':
    'Checked by this site’s server against the latest signed checkpoint. With JavaScript on, your browser checks it too.',
  'record.browser-checking': 'Your browser is checking the proof…',
  'record.browser-ok':
    'Checked by your browser just now: the checkpoint carries a valid signature of the record’s key, and each entry shown gives its leaf hash, from which its inclusion proof leads to the checkpoint’s root.',
  'record.browser-failed':
    'Your browser could not confirm this: {reason}. Reload the page to try again; if it keeps failing, tell people you trust.',
  'record.browser-unsupported':
    'This browser cannot check the record itself (it needs Ed25519 in Web Crypto and a secure connection). The facts shown were checked by the server.',
  'record.entry-signature.added': 'Your signature added',
  'record.entry-signature.withdrawn': 'Your signature withdrawn',
  'record.entry-signature.invalidated': 'Your signature removed by the organisers',
  'record.leaf-index': 'Position in the record (leaf index)',
  'record.entry': 'Entry, exactly as recorded',
  'record.checkpoint': 'Checkpoint',
  'record.origin': 'Record',
  'record.size': 'Size (entries)',
  'record.root': 'Root hash (base64)',
  'record.proof': 'Inclusion proof: {count, plural, one {# hash} other {# hashes}}, from your entry up',
  'record.proof-empty': 'The record holds only this entry: its hash is the root.',
  'record.proof-json': 'The proof as data (JSON)',
  'record.key': 'The record’s public key',
  'record.note': 'The signed checkpoint',
  'record.fail-key': 'the record’s public key is malformed',
  'record.fail-signature': 'the checkpoint is not signed by the record’s key',
  'record.fail-checkpoint': 'the checkpoint is malformed or does not match the record',
  'record.fail-entry': 'an entry does not give its leaf hash',
  'record.fail-proof': 'the inclusion proof does not lead to the checkpoint’s root',
  'record.fail-network': 'the record could not be downloaded',
  'record.fail-tiles': 'a hash tile does not match the entries',
  'record.fail-root': 'the entries do not give the checkpoint’s root hash',
  'record.fail-older': 'the record’s checkpoint is older than the site’s number',
  'record.audit-title': 'Check the count',
  'record.audit-lead':
    'You do not have to trust this site’s number for “{title}”. Your browser can download the public record and recompute the count itself.',
  'record.audit-site-count':
    'This site says the record counts {count, plural, one {# signature} other {# signatures}} for this petition at size {size, number}.',
  'record.audit-what-heading': 'What is checked',
  'record.audit-what-signature':
    'The latest checkpoint carries a valid Ed25519 signature of the record’s public key, shown below.',
  'record.audit-what-entries':
    'Every entry of the record, downloaded in bundles, hashes into the published hash tiles, and together they give the checkpoint’s root hash: nothing was left out, changed or added.',
  'record.audit-what-count':
    'This petition’s count, recomputed from its entries (signatures added, less those withdrawn and those removed), is the number this site gives for that checkpoint.',
  'record.audit-run-heading': 'Check in your browser',
  'record.audit-download':
    'Your browser will download {entries, plural, one {# entry} other {# entries}} of the record, about {megabytes, number} MB.',
  'record.audit-run': 'Check now',
  'record.audit-progress': 'Progress of the check',
  'record.audit-step-key': 'Checking the checkpoint’s signature…',
  'record.audit-step-entries': 'Downloading and hashing the entries: {done, number} of {total, number}…',
  'record.audit-step-tiles': 'Comparing with the hash tiles and the root…',
  'record.audit-ok':
    'Verified in {seconds, number} s. The checkpoint of size {size, number} is signed by the record’s key, and its entries give its root hash. This petition’s count in the record at size {at, number}: {count, number}, exactly as this site says.',
  'record.audit-mismatch':
    'Mismatch. This petition’s count in the record at size {at, number} is {record, number}, but this site says {site, number}.',
  'record.audit-failed': 'The check failed: {reason}.',
  'record.audit-nojs':
    'The check in your browser needs JavaScript, which is off here. Run the command below on a computer instead, or turn JavaScript on for this site.',
  'record.audit-tools-heading': 'Check it with your own tools',
  'record.audit-tools-go':
    'The record follows the C2SP tlog-tiles and signed-note specifications, so Go’s golang.org/x/mod/sumdb/note and tlog packages, which know nothing of this site, verify it too.',
  'record.audit-checkpoint-heading': 'The latest signed checkpoint',
  'record.audit-key-text':
    'Compare it with the key the organisers publish elsewhere, or that people you trust have seen: a check is only as good as the key it trusts.',
  'record.audit-none': 'The public record has no signed checkpoint yet.',
  'record.audit-back': 'Back to the petition',
  'record.packet-checkpoint': 'The public record’s latest signed checkpoint, as {url} serves it:',
  'record.packet-count':
    'At the public record’s latest signed checkpoint (size {size, number}) this petition counts {count, plural, one {# signature} other {# signatures}}.',
  'record.packet-browser': 'or open this page in a browser:',
  'record.auditor-intro':
    'On any computer with Node.js 20 or newer, and nothing else (no account, no other program), this checks the whole record: every signature, hash and entry, and every count, compared with this site.',
  'record.auditor-download': 'Download the auditor, a single file, from this site or from any mirror of the record:',
  'record.auditor-sha':
    'Its SHA-256, also given in docs/record.md of Veche’s source, from which anyone can rebuild it:',
  'record.auditor-run': 'In the folder where you saved it, run:',
  'record.auditor-mirror':
    'In place of this site’s address you can give a mirror’s address, or the folder of a copy on a USB stick. The key after --key pins the record: every copy is checked against it.',
  'record.packet-command':
    'To verify: download the auditor, one file, from {url} (or from any mirror of the record), and run it on a computer with Node.js 20 or newer:',
  'whole.title': 'Check the whole record',
  'whole.lead':
    'Your browser downloads the whole public record, checks the signature of its latest checkpoint, every entry and every hash tile, recounts every petition and the questions and votes of every event, and compares them with this site.',
  'whole.link': 'Check the whole record in your browser',
  'whole.back': 'About the public record',
  'whole.size':
    'The record holds {entries, plural, one {# entry} other {# entries}}; your browser downloads all of them.',
  'whole.source-label': 'Check a mirror instead (optional)',
  'whole.source-hint':
    'The address of a copy of this record. The mirror must let other sites read it (it sends Access-Control-Allow-Origin: *); the record’s key, below, must have signed it.',
  'whole.run': 'Check the whole record',
  'whole.starting': 'Checking the checkpoint’s signature…',
  'whole.step': 'Entries checked: {done, number} of {total, number}…',
  'whole.ok':
    'Verified in {seconds, number} s: the checkpoint of {size, number} entries is signed by the record’s key, every entry and tile gives its root hash, and every count shown follows from the record.',
  'whole.bad': 'The check found {count, plural, one {# problem} other {# problems}}:',
  'whole.failed': 'The check failed: {reason}.',
  'whole.petitions': 'Petitions: signatures counted',
  'whole.events': 'Events: questions asked and votes',
  'whole.petition': 'Petition',
  'whole.event': 'Event',
  'whole.record': 'Record',
  'whole.site': 'Site',
  'whole.asked': 'Questions',
  'whole.votes': 'Votes',
  'record.packet-none': 'The public record has no signed checkpoint yet.',
  'problem.index-beyond-size':
    'There is no entry at this index: the tree has {size, plural, one {# entry} other {# entries}}.',
  'problem.not-a-checkpoint-size': 'No checkpoint was signed for this tree size; the latest has size {latest, number}.',
  'problem.from-after-to': 'This must not be larger than the newer size, {to, number}.',
  'about.title': 'The public record',
  'about.lead':
    'Every public change on this site — a petition opened or closed, a signature added, withdrawn or removed from the count — is an entry in an append-only log that anyone can download and check. Nothing in it says who signed: entries hold only random public ids, and the entries of each moment are shuffled.',
  'about.checkpoint-heading': 'The latest signed checkpoint',
  'about.checkpoint-text':
    'The checkpoint names the log, its size ({size, plural, one {# entry} other {# entries}}) and the hash of all of it, signed with the key below. A later checkpoint must contain this one unchanged.',
  'about.no-checkpoint': 'The record has no checkpoint yet.',
  'about.key-heading': 'The key that signs it',
  'about.key-text': 'Check checkpoints against this key. Keep a copy: if it ever changes, something is wrong.',
  'about.check-heading': 'Check it yourself',
  'about.check-formats':
    'The record follows the C2SP formats (tlog-tiles, tlog-checkpoint, signed-note), so tools nobody here wrote can check it too, such as Go’s sumdb note and tlog packages. Each petition page also links to a check that runs in your browser.',
};
export default messages;
