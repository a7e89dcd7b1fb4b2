import { InputReader } from './input.ts';
import { isRegionOf } from './regions.ts';
import { readSafeAddress } from './mail-providers.ts';

/** SigningRules are what a petition asks of its signers. */
export interface SigningRules {
  nameRule: 'required' | 'optional';
  namesPublic: 'never' | 'signer';
  regionRule: 'none' | 'optional' | 'required';
  regionCountries: string[];
  confirmation: 'email' | 'none';
}

/** Signing is what one signer submits, checked against the petition's rules. */
export interface Signing {
  name: string | null;
  email: string | null;
  region: string | null;
  showName: boolean;
}

/** SigningOptions are what the caller adds to the petition's rules: fields read elsewhere, and mail services to warn of. */
export interface SigningOptions {
  ignore?: string[];
  unsafeMailDomains?: readonly string[];
}

/**
 * readSigning validates a signing form or API body against the petition's rules. An address at a mail service that
 * must hand mail to the state is refused as `unsafe-provider` (naming the service) unless `emailAnyway` says the
 * signer was told and keeps it.
 */
export function readSigning(raw: unknown, rules: SigningRules, options: SigningOptions = {}): Signing {
  const input = new InputReader(raw);
  input.ignore(...(options.ignore ?? []));
  const name = input.text('name', { max: 100, required: rules.nameRule === 'required' });
  // A petition without confirmation never asks for an address: one sent anyway is refused, not silently kept.
  const email =
    rules.confirmation === 'email'
      ? readSafeAddress(input, 'email', options.unsafeMailDomains ?? [], { required: true })
      : null;
  let region: string | null = null;
  if (rules.regionRule !== 'none') {
    region = input.text('region', { max: 10, required: rules.regionRule === 'required' });
    if (region !== null && !isRegionOf(region, rules.regionCountries)) {
      input.add('region', 'not-a-choice');
      region = null;
    }
  } else {
    input.ignore('region');
  }
  const wantsShown = input.flag('showName');
  const showName = rules.namesPublic === 'signer' && name !== null && wantsShown;
  input.done();
  return { name, email, region, showName };
}
