import { html, paragraphs, type Html } from './html.ts';
import { layout } from './layout.ts';
import { versionDiff } from './text-diff.ts';
import type { ViewContext } from '../view-context.ts';
import type { Petition, PetitionVersion } from '../../domain/petition.ts';
import { petitionTextHash } from '../../record/entry-hashes.ts';

/**
 * versionsPage shows every version of a corrected petition's text, newest first: when and why each was made, what it
 * changed word by word, the whole text behind a disclosure, and, behind another, the fingerprint the public record
 * holds of it. A petition never corrected has one version, the one its page shows.
 */
export function versionsPage(ctx: ViewContext, p: Petition, versions: PetitionVersion[]): Html {
  const t = ctx.t;
  const all: PetitionVersion[] =
    versions.length > 0
      ? versions
      : [
          {
            version: 1,
            title: p.title,
            addressee: p.addressee,
            body: p.body,
            correctedAt: p.openedAt ?? p.createdAt,
            reason: null,
          },
        ];
  const newestFirst = [...all].reverse();
  return layout(
    ctx,
    t('versions.title'),
    html`
<p class="small"><a href="/p/${p.publicId}">${t('versions.back')}</a></p>
<h1>${t('versions.title')}</h1>
<p class="lead" lang="${p.language}">${p.title}</p>
<p>${all.length > 1 ? t('versions.lead', { count: all.length - 1 }) : t('versions.lead-none')}</p>
${all.length > 1 ? html`<p class="small muted">${t('versions.legend')}</p>` : ''}
<ol class="versions" reversed>
${newestFirst.map((v) => {
  const before = all[v.version - 2];
  return html`<li class="card version" id="v${v.version}">
  <h2>${
    v.reason === null
      ? t('versions.version-published', { version: v.version, date: new Date(v.correctedAt) })
      : t('versions.version-corrected', {
          version: v.version,
          date: new Date(v.correctedAt),
          reason: t(`correction.reason-${v.reason}`),
        })
  }${v.version === p.version ? html` <span class="badge">${t('versions.current')}</span>` : ''}</h2>
  ${before ? html`<h3>${t('versions.changes', { version: before.version })}</h3>${versionDiff(ctx, before, v, p.language)}` : ''}
  <details>
    <summary>${t('versions.whole-text', { version: v.version })}</summary>
    <div class="preview-frame" lang="${p.language}">
      <p class="preview-title">${v.title}</p>
      <p class="addressee muted">${t('petition.to', { addressee: v.addressee })}</p>
      <div class="petition-text">${paragraphs(v.body)}</div>
    </div>
  </details>
  <details>
    <summary>${t('versions.proof-summary')}</summary>
    <p class="small">${t('versions.proof-text')}</p>
    <p class="small">${t('versions.fingerprint', { version: v.version })}<br><code class="hash">${petitionTextHash(v.title, v.addressee, v.body)}</code></p>
    <p class="small">${v.version === 1 ? t('versions.entry-opened') : t('versions.entry-corrected', { version: v.version })}
      <a href="/p/${p.publicId}/audit">${t('versions.audit-link')}</a></p>
  </details>
</li>`;
})}
</ol>`,
    { canonical: `/p/${p.publicId}/versions` },
  );
}

/** correctionNotice is the petition page's plain statement that its text was corrected, linking to every version. */
export function correctionNotice(ctx: ViewContext, p: Petition, versions: PetitionVersion[]): Html | string {
  const latest = versions.at(-1);
  if (p.version < 2 || !latest?.reason) return '';
  const t = ctx.t;
  const said = t('correction.notice', {
    count: p.version - 1,
    date: new Date(p.correctedAt ?? latest.correctedAt),
    reason: t(`correction.reason-${latest.reason}`),
  });
  return html`<div class="notice correction-notice" role="note"><p>${said} <a href="/p/${p.publicId}/versions">${t('correction.notice-link')}</a></p></div>`;
}
