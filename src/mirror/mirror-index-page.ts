/**
 * mirrorIndexPage is the page a mirror shows at its root: what it is, and how to audit it with the auditor it offers.
 * Plain HTML with no script or style from anywhere, in the three languages of the site.
 */
export function mirrorIndexPage(origin: string, key: string, hasAuditor: boolean, hasPolicy = false): string {
  const code = (text: string) => `<pre>${escapeHtml(text)}</pre>`;
  const command = code(`node veche-audit.mjs <this address or folder> --key '${key}'`);
  const download = hasAuditor ? '<p><a href="veche-audit.mjs" download>veche-audit.mjs</a></p>' : '';
  return `<!doctype html>
<html lang="en">
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(origin)}: public record (mirror)</title>
<h1>${escapeHtml(origin)}</h1>
<p>A copy of the public record of <strong>${escapeHtml(origin)}</strong>: every petition, signature, question and vote as the
site signed them, checked before it was copied. Anyone can check it again: with Node.js 20 or newer, download the
auditor and run it on this address (or on the folder, if this copy came on a stick):</p>
${download}${command}
<p lang="uk">Копія публічного запису ${escapeHtml(origin)}. Перевірити її може будь-хто: з Node.js 20 або новішим завантажте
veche-audit.mjs і виконайте команду вище з адресою цієї копії (або текою, якщо копія прийшла на флешці).</p>
<p lang="ru">Копия публичной записи ${escapeHtml(origin)}. Проверить её может любой: с Node.js 20 или новее скачайте
veche-audit.mjs и выполните команду выше с адресом этой копии (или папкой, если копия пришла на флешке).</p>
${
  hasPolicy
    ? `<p>The record's witnesses, who check that the site shows everyone the same record, are named in its policy,
<a href="log/policy">log/policy</a>. To hold this copy to them, add <code>--policy &lt;file&gt;</code> with the policy
you saved from the site: a copy of the policy is only as good as the copy.</p>
<p lang="uk">Свідки реєстру названі в його політиці (log/policy). Щоб перевірити копію за ними, додайте
<code>--policy &lt;файл&gt;</code> з політикою, яку ви зберегли із сайту.</p>
<p lang="ru">Свидетели реестра названы в его политике (log/policy). Чтобы проверить копию по ним, добавьте
<code>--policy &lt;файл&gt;</code> с политикой, которую вы сохранили с сайта.</p>
`
    : ''
}<p>Key / ключ:</p>
${code(key)}
<p><a href="log/checkpoint">log/checkpoint</a> · <a href="log/key">log/key</a> · <a href="veche-mirror.json">veche-mirror.json</a></p>
</html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
