import type { Petition } from './petition.ts';
import type { SigningRules } from './signing.ts';

/** signingRules reads a petition's rules for its signers. */
export function signingRules(petition: Petition): SigningRules {
  return {
    nameRule: petition.nameRule,
    namesPublic: petition.namesPublic,
    regionRule: petition.regionRule,
    regionCountries: petition.regionCountries,
    confirmation: petition.confirmation,
  };
}
