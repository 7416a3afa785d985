import { generateIin } from '../../domain/identity/identity-number-generator.js';
import { Sex } from '../../domain/identity/iin.js';

/**
 * The demo citizens of `npx qyzmet demo seed` (README, "Demo accounts"). They live here,
 * beside the simulator, because the simulated mobile-citizens registry must hold their
 * phones: registering and proving their IIN goes to these numbers. Synthetic: the IINs
 * are valid (check digit) and the same on every run; nobody here is a real person.
 */
export const demoCitizen = {
  iin: generateIin('1985-04-12', Sex.female, 1201),
  phone: '+77010000001',
  name: 'Айгүл Демоқызы / Айгуль Демо',
};
export const demoRepresentative = {
  iin: generateIin('1979-09-03', Sex.male, 3301),
  phone: '+77010000002',
  name: 'Ерлан Демоұлы / Ерлан Демо (представитель по доверенности)',
};
