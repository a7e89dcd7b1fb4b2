import { decodeBase64 } from '../../record/bytes.ts';
import type { LogPolicy } from '../../witnessing/log-policy.ts';
import type { ViewContext } from '../view-context.ts';
import { html, type Html } from './html.ts';

/**
 * witnessesSection tells, on the record page, who witnesses the record and whether each signed the checkpoint shown,
 * in plain words; the policy a checking tool reads is behind a disclosure.
 */
export function witnessesSection(ctx: ViewContext, witnessing: LogPolicy, checkpoint: string | null): Html {
  const t = ctx.t;
  const { policy } = witnessing;
  const technical = html`<details class="small">
<summary>${t('witnesses.technical')}</summary>
<p>${t('witnesses.technical-text')} <a href="/log/policy">/log/policy</a>, <a href="/log/witnessed-checkpoint">/log/witnessed-checkpoint</a></p>
<pre class="secret" data-policy>${witnessing.text}</pre>
</details>`;
  if (policy.witnesses.length === 0) {
    return html`<h2>${t('witnesses.heading')}</h2>
<p>${t('witnesses.none')}</p>
${technical}`;
  }
  const lines = signatureLines(checkpoint);
  const quorum = policy.groups[0]?.threshold ?? 1;
  const items = policy.witnesses.map((witness) => {
    const signed = lines.some((line) => line.name === witness.name && line.keyId === witness.verifier.keyId);
    return html`<li data-witness="${witness.name}" data-signed="${String(signed)}"><code>${witness.name}</code> — ${signed ? t('witnesses.signed') : t('witnesses.not-signed')}</li>`;
  });
  return html`<h2>${t('witnesses.heading')}</h2>
<p>${t('witnesses.lead')}</p>
<p>${t('witnesses.quorum', { quorum, count: policy.witnesses.length })}</p>
<ul>${items}</ul>
<p class="small muted">${t('witnesses.private')}</p>
${technical}`;
}

function signatureLines(note: string | null): { name: string; keyId: number }[] {
  if (note === null) return [];
  const split = note.lastIndexOf('\n\n');
  return note
    .slice(split + 2)
    .split('\n')
    .flatMap((line) => {
      const [, name, base64] = line.split(' ');
      const blob = base64 === undefined ? null : decodeBase64(base64);
      return blob === null || blob.length < 4
        ? []
        : [{ name, keyId: new DataView(blob.buffer, blob.byteOffset).getUint32(0) }];
    });
}
