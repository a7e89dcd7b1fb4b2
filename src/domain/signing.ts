import { InputReader } from './input.ts';
import { isRegionOf } from './regions.ts';

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

/** readSigning validates a signing form or API body against the petition's rules. */
export function readSigning(raw: unknown, rules: SigningRules, ignore: string[] = []): Signing {
  const input = new InputReader(raw);
  input.ignore(...ignore);
  const name = input.text('name', { max: 100, required: rules.nameRule === 'required' });
  const email = rules.confirmation === 'email' ? input.email('email', { required: true }) : null;
  if (rules.confirmation !== 'email') input.ignore('email');
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
  const showName = rules.namesPublic === 'signer' && name !== null ? input.flag('showName') : (input.ignore('showName'), false);
  input.done();
  return { name, email, region, showName };
}
