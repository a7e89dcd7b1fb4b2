import type { Messages } from '../index.ts';

const messages: Messages = {
  'witnesses.check-pinned': 'Checked against the witness policy you pasted.',
  'witnesses.check-site':
    'Checked against the witness policy this site serves. Paste a policy you saved earlier to hold the site to it.',
  'witnesses.check-none': 'This record names no witnesses: only the site’s own signature stands behind it.',
  'witnesses.check-met':
    '{count, plural, one {# witness signed} other {# witnesses signed}} the checkpoint checked: enough for the record’s witness policy.',
  'witnesses.check-not-met':
    'Only {count, plural, one {# witness signed} other {# witnesses signed}} the checkpoint checked: NOT enough for the witness policy. Nothing shows that other people are shown this same record.',
  'witnesses.check-size': 'The checkpoint they signed holds {size, number} entries.',
  'witnesses.receipt-by':
    '{count, plural, one {Witnessed by # independent witness} other {Witnessed by # independent witnesses}}: they signed a checkpoint that holds this signature.',
  'witnesses.receipt-not-yet':
    'Not witnessed yet: the witnesses sign new checkpoints within seconds. Check again in a moment.',
  'witnesses.receipt-detail': 'Which witnesses',
  'witnesses.status-verified': 'signed',
  'witnesses.status-absent': 'has not signed',
  'witnesses.status-invalid': 'its signature does NOT verify',
  'witnesses.status-unchecked': 'this browser cannot check its signature (ML-DSA-44)',
  'witnesses.policy-label': 'A witness policy you saved (optional)',
  'witnesses.policy-hint':
    'Paste the policy file you downloaded earlier from the record page. The record must then be signed with its key and by enough of its witnesses.',
  'witnesses.fail-policy': 'the witness policy cannot be read',
  'witnesses.fail-policy-log': 'the witness policy is for another record',
  'witnesses.plain': 'Independent witnesses check that this site shows everyone the same record.',
  'witnesses.key': 'Key',
  'witnesses.address': 'Address',
  'witnesses.pin-heading': 'Keep the policy, and check against it',
  'witnesses.pin-text':
    'The policy file names this record’s key, its witnesses and how many of them must sign. Save it once. Then a check that uses your copy cannot be fooled by a site that later names other witnesses, or none.',
  'witnesses.pin-download': 'Download the policy:',
  'witnesses.pin-compare':
    'Compare each witness’s key in it with the key that witness publishes itself, on its own site or through people you trust.',
  'witnesses.pin-run': 'With the auditor in the same folder, run (Node.js 20 or newer, nothing else):',
  'witnesses.pin-fails':
    'The check fails, and says so loudly, if the record is not signed by the key in your copy, or not enough of its witnesses signed it. It names each witness that did.',
  'witnesses.heading': 'Witnesses',
  'witnesses.none':
    'No independent witness checks this record yet. Until one does, only this site’s own signature stands behind each checkpoint: a seized or coerced server could show one record to you and another to someone else, and only comparing the two would reveal it.',
  'witnesses.lead':
    'The witnesses are run by other organisations and check every new checkpoint of this record. A witness signs a checkpoint only if it contains, unchanged, everything that witness signed before. So this site cannot show one record to you and another to the addressee or the public: the witnesses would refuse to sign one of them.',
  'witnesses.quorum':
    'A checkpoint counts as witnessed when {quorum, number} of these {count, number} witnesses have signed it.',
  'witnesses.signed': 'signed the checkpoint above',
  'witnesses.not-signed': 'has not signed the checkpoint above yet',
  'witnesses.private':
    'A witness learns nothing about the people who take part: it sees only checkpoints (the size of the record and a hash), never an entry.',
  'witnesses.technical': 'The witness policy, for checking tools',
  'witnesses.technical-text': 'The policy in the c2sp.org/tlog-policy format, and the newest checkpoint that met it:',
};
export default messages;
