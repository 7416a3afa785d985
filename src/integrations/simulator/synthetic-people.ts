import {
  createSeededRandom,
  generateIin,
} from '../../domain/identity/identity-number-generator.js';
import { Sex } from '../../domain/identity/iin.js';
import type { LocalizedText } from '../../domain/shared/locale.js';
import type { MobileCitizenRecord } from '../mobile-citizens.js';
import type { PersonDocument, PersonRecord, PowerOfAttorney } from '../registries.js';
import {
  demoCitizen,
  demoPeople,
  demoPowerOfAttorneyNumber,
  demoRepresentative,
} from './demo-people.js';

/**
 * Synthetic people for the registry simulator: valid IINs, names in kk and ru, documents
 * and powers of attorney (some expired, some revoked). Deterministic: the same seed gives
 * the same people on every machine. Nobody here is a real person.
 */

type Name = { kk: string; ru: string };
const maleNames: Name[] = [
  { kk: 'Ерлан', ru: 'Ерлан' },
  { kk: 'Нұрсұлтан', ru: 'Нурсултан' },
  { kk: 'Дәурен', ru: 'Даурен' },
  { kk: 'Бауыржан', ru: 'Бауржан' },
  { kk: 'Асқар', ru: 'Аскар' },
  { kk: 'Серік', ru: 'Серик' },
  { kk: 'Айдос', ru: 'Айдос' },
  { kk: 'Ғалым', ru: 'Галым' },
  { kk: 'Арман', ru: 'Арман' },
  { kk: 'Темірлан', ru: 'Темирлан' },
];
const femaleNames: Name[] = [
  { kk: 'Айгерім', ru: 'Айгерим' },
  { kk: 'Әлия', ru: 'Алия' },
  { kk: 'Гүлнар', ru: 'Гульнар' },
  { kk: 'Мәдина', ru: 'Мадина' },
  { kk: 'Сәуле', ru: 'Сауле' },
  { kk: 'Жанар', ru: 'Жанар' },
  { kk: 'Динара', ru: 'Динара' },
  { kk: 'Ақмарал', ru: 'Акмарал' },
  { kk: 'Назерке', ru: 'Назерке' },
  { kk: 'Аружан', ru: 'Аружан' },
];
const surnames: Name[] = [
  { kk: 'Әбенов', ru: 'Абенов' },
  { kk: 'Жұмабаев', ru: 'Жумабаев' },
  { kk: 'Сейітов', ru: 'Сеитов' },
  { kk: 'Құрманов', ru: 'Курманов' },
  { kk: 'Оспанов', ru: 'Оспанов' },
  { kk: 'Тоқтаров', ru: 'Токтаров' },
  { kk: 'Ахметов', ru: 'Ахметов' },
  { kk: 'Қасымов', ru: 'Касымов' },
  { kk: 'Нұрланов', ru: 'Нурланов' },
  { kk: 'Төлеуов', ru: 'Толеуов' },
];
const places: { kk: string; ru: string }[] = [
  { kk: 'Шымкент қаласы, Тәуке хан даңғылы', ru: 'г. Шымкент, пр. Тауке хана' },
  { kk: 'Түркістан қаласы, Б. Саттарханов даңғылы', ru: 'г. Туркестан, пр. Б. Саттарханова' },
  { kk: 'Орал қаласы, Достық даңғылы', ru: 'г. Уральск, пр. Достык' },
  { kk: 'Ақтөбе қаласы, Әбілқайыр хан даңғылы', ru: 'г. Актобе, пр. Абилкайыр хана' },
  { kk: 'Қостанай қаласы, Әл-Фараби даңғылы', ru: 'г. Костанай, пр. Аль-Фараби' },
  { kk: 'Кентау қаласы, Қонаев көшесі', ru: 'г. Кентау, ул. Конаева' },
];
const ministry: LocalizedText = { kk: 'ҚР ІІМ', ru: 'МВД РК', en: 'Ministry of Internal Affairs' };
const registryOffice: LocalizedText = {
  kk: 'АХАЖ органы',
  ru: 'Органы ЗАГС',
  en: 'Civil registry office',
};

const pad = (value: number, width: number) => String(value).padStart(width, '0');

const latin: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'yo',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'y',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
};

/** A plain Latin spelling of a Russian-spelt name, for the English interface. */
export function transliterate(text: string): string {
  return Array.from(text, (character) => {
    const lower = character.toLowerCase();
    const mapped = latin[lower];
    if (mapped === undefined) return character;
    return character === lower ? mapped : mapped.charAt(0).toUpperCase() + mapped.slice(1);
  }).join('');
}
const feminine = (surname: Name): Name => ({ kk: `${surname.kk}а`, ru: `${surname.ru}а` });
const both = (name: Name): LocalizedText => ({
  kk: name.kk,
  ru: name.ru,
  en: transliterate(name.ru),
});

function addYears(date: string, years: number): string {
  return `${pad(Number(date.slice(0, 4)) + years, 4)}${date.slice(4)}`.replace('-02-29', '-02-28');
}

function documentsFor(birthDate: string, random: () => number, serial: number): PersonDocument[] {
  const documents: PersonDocument[] = [
    {
      type: 'birth_certificate',
      number: pad(100_000_000 + serial * 7919, 9).slice(-9),
      issuedBy: registryOffice,
      issuedOn: birthDate,
    },
  ];
  const sixteenth = addYears(birthDate, 16);
  if (sixteenth <= '2025-12-31') {
    // An identity card is reissued every 10 years; the latest one issued in 2016–2025 is valid.
    const issueYear = 2016 + Math.floor(random() * 10);
    const issuedOn =
      sixteenth > `${issueYear}-01-15`
        ? sixteenth
        : `${issueYear}-${pad(1 + Math.floor(random() * 12), 2)}-15`;
    documents.push({
      type: 'identity_card',
      number: pad(40_000_000 + serial * 104_729, 9).slice(-9),
      issuedBy: ministry,
      issuedOn,
      validUntil: addYears(issuedOn, 10),
    });
  }
  const schoolLeaving = addYears(birthDate, 17);
  if (schoolLeaving <= '2025-06-30') {
    documents.push({
      type: 'education_certificate',
      number: `ЖОБ ${pad(1_000_000 + serial * 613, 7)}`,
      issuedBy: { kk: 'Жалпы білім беретін мектеп', ru: 'Общеобразовательная школа', en: 'School' },
      issuedOn: `${schoolLeaving.slice(0, 4)}-06-20`,
    });
  }
  return documents;
}

/** Generates `count` synthetic people from `seed`. */
export function generateSyntheticPeople(count: number, seed = 2026): PersonRecord[] {
  const random = createSeededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const people: PersonRecord[] = [];
  const used = new Set<string>();
  for (let serial = 0; people.length < count; serial += 1) {
    const sex = random() < 0.5 ? Sex.male : Sex.female;
    const year = 1950 + Math.floor(random() * 72);
    const birthDate = `${year}-${pad(1 + Math.floor(random() * 12), 2)}-${pad(1 + Math.floor(random() * 28), 2)}`;
    const iin = generateIin(birthDate, sex, Math.floor(random() * 10_000));
    if (used.has(iin)) continue;
    used.add(iin);
    const surname = pick(surnames);
    const father = pick(maleNames);
    const place = pick(places);
    const house = 1 + Math.floor(random() * 150);
    people.push({
      iin,
      lastName: both(sex === Sex.male ? surname : feminine(surname)),
      firstName: both(pick(sex === Sex.male ? maleNames : femaleNames)),
      patronymic:
        sex === Sex.male
          ? both({ kk: `${father.kk}ұлы`, ru: `${father.ru}ович` })
          : both({ kk: `${father.kk}қызы`, ru: `${father.ru}овна` }),
      birthDate,
      sex,
      address: {
        kk: `${place.kk}, ${house}`,
        ru: `${place.ru}, ${house}`,
        en: `${transliterate(place.ru)}, ${house}`,
      },
      documents: documentsFor(birthDate, random, serial),
    });
  }
  return people;
}

/** Everything the simulator knows. */
export interface SimulatorData {
  readonly people: readonly PersonRecord[];
  /** Powers of attorney; `status` is recomputed from the dates at each request. */
  readonly powersOfAttorney: readonly Omit<PowerOfAttorney, 'status'>[];
  /** БМГ: the phones bound to IINs (every tenth synthetic person has bound none). */
  readonly mobileCitizens: readonly MobileCitizenRecord[];
}

const notary: LocalizedText = {
  kk: 'Шымкент қаласының нотариусы (синтетикалық)',
  ru: 'Нотариус города Шымкент (синтетический)',
  en: 'Notary of Shymkent (synthetic)',
};
const scope: LocalizedText = {
  kk: 'Мемлекеттік қызметтерді алу үшін құжаттарды тапсыру және нәтижесін алу',
  ru: 'Подача документов и получение результатов государственных услуг',
  en: 'Submitting documents and receiving results of public services',
};

/**
 * The simulator's standard data set: 200 synthetic people and powers of attorney between
 * some of them — valid, expired and revoked. Fixtures name the interesting records.
 */
export function createSimulatorData(seed = 2026): SimulatorData {
  // 200 synthetic people, then the demo citizens of the README (known to ГБД ФЛ like anyone).
  const synthetic = generateSyntheticPeople(200, seed);
  const people = [...synthetic, ...demoPeople];
  const adult = (index: number) => synthetic.filter((p) => p.birthDate <= '2000-01-01')[index]!;
  const powersOfAttorney: Omit<PowerOfAttorney, 'status'>[] = [
    {
      number: '2025/000101',
      principalIin: adult(0).iin,
      representativeIin: adult(1).iin,
      validFrom: '2025-01-10',
      validUntil: '2030-01-09',
      scope,
      notary,
    },
    {
      number: '2022/000457',
      principalIin: adult(2).iin,
      representativeIin: adult(3).iin,
      validFrom: '2022-03-01',
      validUntil: '2024-12-31',
      scope,
      notary,
    },
    {
      number: '2024/000777',
      principalIin: adult(4).iin,
      representativeIin: adult(5).iin,
      validFrom: '2024-05-20',
      validUntil: '2029-05-19',
      revokedOn: '2025-06-01',
      scope,
      notary,
    },
    {
      // The README's representative acts for the README's citizen (demo applications 2013–).
      number: demoPowerOfAttorneyNumber,
      principalIin: demoCitizen.iin,
      representativeIin: demoRepresentative.iin,
      validFrom: '2013-01-10',
      validUntil: '2036-01-09',
      scope,
      notary,
    },
  ];
  const mobileCitizens: MobileCitizenRecord[] = [
    ...synthetic
      .map((person, index) => ({ iin: person.iin, phone: `+7707${pad(index, 7)}`, index }))
      .filter((record) => record.index % 10 !== 9)
      .map(({ iin, phone }) => ({ iin, phone })),
    { iin: demoCitizen.iin, phone: demoCitizen.phone },
    { iin: demoRepresentative.iin, phone: demoRepresentative.phone },
  ];
  return { people, powersOfAttorney, mobileCitizens };
}

/** Named records of the standard data set, for tests and demonstrations. */
export function simulatorFixtures(data: SimulatorData) {
  const [valid, expired, revoked] = data.powersOfAttorney;
  const child = data.people.find((person) => person.birthDate >= '2015-01-01');
  return {
    /** A person the registry knows. */
    person: data.people[0]!,
    /** A person under 16: a birth certificate, no identity card. */
    child,
    /** A person with no phone bound in the mobile-citizens registry. */
    personWithoutPhone: data.people.find(
      (person) => !data.mobileCitizens.some((record) => record.iin === person.iin),
    )!,
    /** A valid IIN nobody in the registry has: «невозможно получить данные». */
    unknownIin: generateIin('1985-07-07', Sex.female, 4242),
    validPowerOfAttorney: valid!,
    expiredPowerOfAttorney: expired!,
    revokedPowerOfAttorney: revoked!,
  };
}
