import { generateIin } from '../../domain/identity/identity-number-generator.js';
import { Sex } from '../../domain/identity/iin.js';
import type { PersonRecord } from '../registries.js';

/**
 * The demo citizens of `npx qyzmet demo seed` (README, "Demo accounts"). They live here,
 * beside the simulator, because the simulated mobile-citizens registry must hold their
 * phones: registering and proving their IIN goes to these numbers. Synthetic: the IINs
 * are valid (check digit) and the same on every run; nobody here is a real person.
 */
export const demoCitizen = {
  iin: generateIin('1985-04-12', Sex.female, 1201),
  phone: '+77010000001',
  name: 'Сейітқалиева Айгүл Маратқызы / Сейткалиева Айгуль Маратовна',
};
export const demoRepresentative = {
  iin: generateIin('1979-09-03', Sex.male, 3301),
  phone: '+77010000002',
  name: 'Сейітқалиев Ерлан Маратұлы / Сейткалиев Ерлан Маратович (представитель по доверенности)',
};

/** The demo power of attorney: the citizen authorises the representative (ЕНИС, simulated). */
export const demoPowerOfAttorneyNumber = '2013/000412';

const address = {
  kk: 'Қостанай қ., Әл-Фараби даңғылы, 45',
  ru: 'г. Костанай, проспект Аль-Фараби, 45',
  en: 'Kostanay, Al-Farabi avenue, 45',
};
const ministry = { kk: 'ҚР ІІМ', ru: 'МВД РК', en: 'Ministry of Internal Affairs' };
const registryOffice = { kk: 'АХАЖ органы', ru: 'Органы ЗАГС', en: 'Civil registry office' };

/**
 * The demo citizens as ГБД ФЛ knows them (issue 18, point 6): the front office identifies them
 * like anyone else, so the README's citizen can be served at the front office too.
 */
export const demoPeople: readonly PersonRecord[] = [
  {
    iin: demoCitizen.iin,
    lastName: { kk: 'Сейітқалиева', ru: 'Сейткалиева', en: 'Seitkaliyeva' },
    firstName: { kk: 'Айгүл', ru: 'Айгуль', en: 'Aigul' },
    patronymic: { kk: 'Маратқызы', ru: 'Маратовна', en: 'Maratovna' },
    birthDate: '1985-04-12',
    sex: Sex.female,
    address,
    documents: [
      {
        type: 'birth_certificate',
        number: '185041201',
        issuedBy: registryOffice,
        issuedOn: '1985-04-12',
      },
      {
        type: 'identity_card',
        number: '048512016',
        issuedBy: ministry,
        issuedOn: '2021-05-14',
        validUntil: '2031-05-14',
      },
    ],
  },
  {
    iin: demoRepresentative.iin,
    lastName: { kk: 'Сейітқалиев', ru: 'Сейткалиев', en: 'Seitkaliyev' },
    firstName: { kk: 'Ерлан', ru: 'Ерлан', en: 'Yerlan' },
    patronymic: { kk: 'Маратұлы', ru: 'Маратович', en: 'Maratovich' },
    birthDate: '1979-09-03',
    sex: Sex.male,
    address,
    documents: [
      {
        type: 'birth_certificate',
        number: '179090333',
        issuedBy: registryOffice,
        issuedOn: '1979-09-03',
      },
      {
        type: 'identity_card',
        number: '047909330',
        issuedBy: ministry,
        issuedOn: '2020-02-03',
        validUntil: '2030-02-03',
      },
    ],
  },
];
