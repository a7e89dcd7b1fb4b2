import type { InputReader } from './input.ts';

// Russian law (the "organisers of information distribution" register, Federal Law 149-FZ art. 10.1, and the Yarovaya
// amendments of 2016) makes the mail services below store their users' mail and hand it, with who wrote to whom, to
// the FSB and the police on request, without telling the user. A signer's confirmation email there tells the state
// that she signed. Veche names these services before she gives an address, and lets her choose.

/** defaultUnsafeMailDomains are the mail domains of Mail.ru (VK), Yandex and Rambler: VECHE_UNSAFE_MAIL_DOMAINS's default. */
export const defaultUnsafeMailDomains: readonly string[] = [
  // Mail.ru (VK): its own domains, and myMail's.
  'mail.ru',
  'bk.ru',
  'inbox.ru',
  'list.ru',
  'internet.ru',
  'xmail.ru',
  'my.com',
  // Yandex.
  'yandex.ru',
  'ya.ru',
  'yandex.com',
  'yandex.by',
  'yandex.kz',
  'yandex.ua',
  'narod.ru',
  // Rambler.
  'rambler.ru',
  'lenta.ru',
  'autorambler.ru',
  'myrambler.ru',
  'ro.ru',
  'rambler.ua',
];

/** unsafeProviderOf returns the listed domain that an address is at (itself or a subdomain of it), or null. */
export function unsafeProviderOf(address: string, domains: readonly string[]): string | null {
  const host = address
    .slice(address.lastIndexOf('@') + 1)
    .trim()
    .toLowerCase()
    .replace(/\.+$/, '');
  for (const domain of domains) {
    if (host === domain || host.endsWith(`.${domain}`)) return domain;
  }
  return null;
}

/**
 * readMailDomains reads a comma-separated list of mail domains; the word `default` stands for the default list.
 * Throws naming the first entry that is not a domain.
 */
export function readMailDomains(text: string): string[] {
  const domains = new Set<string>();
  for (const entry of text
    .split(',')
    .map((e) => e.trim().toLowerCase())
    .filter((e) => e !== '')) {
    if (entry === 'default') {
      defaultUnsafeMailDomains.forEach((d) => domains.add(d));
    } else if (/^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/.test(entry)) {
      domains.add(entry);
    } else {
      throw new Error(`"${entry}" is not a mail domain`);
    }
  }
  return [...domains];
}

/**
 * readSafeAddress reads an address from `field` and whether the person keeps it anyway (`<field>Anyway`): an address
 * at one of `domains` is refused as `unsafe-provider`, naming the service, unless they were told and keep it. The
 * signing form and the notices settings both read addresses so.
 */
export function readSafeAddress(
  input: InputReader,
  field: string,
  domains: readonly string[],
  rule: { required?: boolean } = {},
): string | null {
  const address = input.email(field, rule);
  const anyway = input.flag(`${field}Anyway`);
  const provider = address === null || anyway ? null : unsafeProviderOf(address, domains);
  if (provider !== null) input.add(field, 'unsafe-provider', { domain: provider });
  return address;
}
