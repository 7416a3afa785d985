import type { CallContext, Lookup } from './registries.js';

/**
 * The mobile-citizens registry (база мобильных граждан, БМГ): the mobile phone a person has
 * bound to their IIN at a front office or through an operator. egov.kz sends the one-time
 * code that proves an IIN at registration to this phone, never to a phone the applicant
 * types; so does Qyzmet (docs/identity-and-registries.md).
 */
export interface MobileCitizenRecord {
  readonly iin: string;
  /** +7XXXXXXXXXX */
  readonly phone: string;
}

/** БМГ: the phone bound to an IIN; not_found when the person has bound none. */
export interface MobileCitizens {
  findPhone(iin: string, context?: CallContext): Promise<Lookup<MobileCitizenRecord>>;
}
