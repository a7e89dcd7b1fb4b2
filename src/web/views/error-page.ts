import { html, type Html } from './html.ts';
import { layout } from './layout.ts';
import type { ViewContext } from '../view-context.ts';
import type { FieldProblem } from '../../domain/errors.ts';
import { errorTitle, fieldMessage } from '../problem.ts';

/** errorPage tells a person what went wrong in their language, and where to go next. */
export function errorPage(
  ctx: ViewContext,
  code: string,
  status: number,
  fields: FieldProblem[],
  requestId: string,
): Html {
  const t = ctx.t;
  const message = code === 'internal' ? t('error.internal', { id: requestId.slice(0, 8) }) : errorTitle(code, t);
  return layout(
    ctx,
    t('error.title'),
    html`
<h1>${t('error.title')}</h1>
<p class="lead">${message}</p>
${fields.length > 0 ? html`<ul>${fields.map((f) => html`<li><strong>${f.field}</strong>: ${fieldMessage(f, t)}</li>`)}</ul>` : ''}
<p class="muted small">HTTP ${status}</p>
<p><a href="/">${t('error.back-home')}</a></p>`,
    { noindex: true },
  );
}
