/** The mobile-citizens registry's types (БМГ), declared beside the other registries. */
export type { MobileCitizenRecord, MobileCitizens } from './registries.js';
