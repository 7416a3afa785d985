import type { TimeUnit } from './TimeUnit.js';

/**
 * The unit a text names. `days` is a day the text does not qualify as working or calendar
 * ("3 дня", "1 күн"): it matches either, and the definition records which reading it chose.
 */
export type ReadUnit = TimeUnit | 'days';

/** A duration written in a legal text: «Не более 1 минуты», «13 (тринадцать) рабочих дней». */
export interface ReadDuration {
  amount: number;
  unit: ReadUnit;
  /** The lower bound of a range («от 15 до 30 календарных дней»). */
  minimum?: number;
  /** The words the duration was read from. */
  text: string;
}

/** Russian and Kazakh number words, in the forms the regulations use. */
const numberWords: readonly [RegExp, number][] = [
  [/^(одн|один|одна|одно|одного|одной|одну|бір)$/, 1],
  [/^(два|две|двух|екі)$/, 2],
  [/^(три|тр[её]х|үш)$/, 3],
  [/^(четыре|четыр[её]х|төрт)$/, 4],
  [/^(пять|пяти|бес)$/, 5],
  [/^(шесть|шести|алты)$/, 6],
  [/^(семь|семи|жеті)$/, 7],
  [/^(восемь|восьми|сегіз)$/, 8],
  [/^(девять|девяти|тоғыз)$/, 9],
  [/^(десять|десяти|он)$/, 10],
  [/^(одиннадцать|одиннадцати)$/, 11],
  [/^(двенадцать|двенадцати)$/, 12],
  [/^(тринадцать|тринадцати)$/, 13],
  [/^(четырнадцать|четырнадцати)$/, 14],
  [/^(пятнадцать|пятнадцати)$/, 15],
  [/^(двадцать|двадцати|жиырма)$/, 20],
  [/^(тридцать|тридцати|отыз)$/, 30],
  [/^(сорок|сорока|қырық)$/, 40],
];

/** Kazakh tens followed by a unit word ("он екі" = 12). */
const kazakhTens: Readonly<Record<string, number>> = { он: 10, жиырма: 20, отыз: 30, қырық: 40 };

function wordValue(word: string): number | undefined {
  return numberWords.find(([pattern]) => pattern.test(word))?.[1];
}

/** Unit patterns, most specific first; each consumes the unit words. */
const units: readonly [RegExp, ReadUnit][] = [
  [/^(рабоч(их|ий|его|ему|им)\s+(дн(ей|я|ю)|день)|жұмыс\s+күн(і|ы|де|нен)?)/, 'working_days'],
  [
    /^(календарн(ых|ый|ого|ому|ым)\s+(дн(ей|я|ю)|день)|күнтізбелік\s+күн(і|ы|де|нен)?)/,
    'calendar_days',
  ],
  [/^(минут(ы|а|у)?|мин\.?)(?![а-яәғқңөұүһі])/, 'minutes'],
  [/^(час(а|ов)?|сағат(тың|та|қа)?)(?![а-яәғқңөұүһі])/, 'hours'],
  [/^(месяц(а|ев)?|мес\.?|ай(дың|да|ға)?)(?![а-яәғқңөұүһі])/, 'months'],
  [/^(дн(ей|я)|день|сут(ки|ок)|күн(і|ы|де|нен)?)(?![а-яәғқңөұүһі])/, 'days'],
];

/**
 * Reads every duration a text states: a number in digits (optionally followed by the number in
 * words in brackets: «3 (три) часа», «12 (он екі) жұмыс күні»), or in words («Три рабочих дня»,
 * «бір күн»), or a range («от 15 до 30 календарных дней»), followed by a unit in Russian or
 * Kazakh; «не более минуты» / «в течение часа» is one. A day with no number («в течение дня») is
 * not read. Pure and total: an unreadable text gives an empty list.
 */
export function readDurations(text: string): ReadDuration[] {
  const lower = text.toLowerCase().replaceAll('ё', 'е').replaceAll('\u00ad', '');
  const tokenPattern = /(\d+(?:[.,]\d+)?)|([a-zа-яәғқңөұүһі]+)/g;
  const tokens: { value: string; start: number; end: number; isNumber: boolean }[] = [];
  for (const match of lower.matchAll(tokenPattern)) {
    tokens.push({
      value: match[0],
      start: match.index,
      end: match.index + match[0].length,
      isNumber: match[1] !== undefined,
    });
  }
  const found: ReadDuration[] = [];
  const spelling = new Set<number>();
  for (let index = 0; index < tokens.length; index += 1) {
    const token = tokens[index];
    if (!token || spelling.has(index)) continue;
    let amount: number | undefined;
    let next = index + 1;
    if (token.isNumber) {
      amount = Number(token.value.replace(',', '.'));
      // A number in words in brackets after the digits: «3 (три)», «12 (он екі)».
      const after = lower.slice(token.end);
      const bracket = /^\s*\(([^()]{1,40})\)/.exec(after);
      if (bracket) {
        const bracketEnd = token.end + bracket[0].length;
        while (tokens[next] && (tokens[next]?.start ?? 0) < bracketEnd) {
          spelling.add(next);
          next += 1;
        }
      }
    } else {
      const value = wordValue(token.value);
      if (value === undefined) continue;
      amount = value;
      const following = tokens[next];
      if (kazakhTens[token.value] !== undefined && following && !following.isNumber) {
        const unitValue = wordValue(following.value);
        if (unitValue !== undefined && unitValue < 10) {
          amount = value + unitValue;
          spelling.add(next);
          next += 1;
        }
      }
    }
    const unitToken = tokens[next];
    if (!unitToken || unitToken.isNumber) continue;
    const rest = lower.slice(unitToken.start);
    const unit = units.find(([pattern]) => pattern.test(rest));
    if (!unit) continue;
    const unitMatch = unit[0].exec(rest);
    const unitEnd = unitToken.start + (unitMatch?.[0].length ?? 0);
    const duration: ReadDuration = {
      amount,
      unit: unit[1],
      text: text.slice(token.start, unitEnd).trim(),
    };
    // «от 15 до 30 …», «15-30 …»: the first number is the range's minimum.
    const range = /(?:от|из)\s+(\d+)\s+до\s+$|(\d+)\s*[-–—]\s*$/.exec(lower.slice(0, token.start));
    const minimum = range?.[1] ?? range?.[2];
    if (minimum !== undefined && token.isNumber) {
      duration.minimum = Number(minimum);
      found.push({ amount: Number(minimum), unit: unit[1], text: duration.text });
    }
    found.push(duration);
  }
  // «Не более минуты», «в течение часа»: one unit, with the number left out.
  for (const match of lower.matchAll(/(не более|не позднее|в течение)\s+(минуты|часа)(?![а-я])/g)) {
    found.push({
      amount: 1,
      unit: match[2] === 'минуты' ? 'minutes' : 'hours',
      text: text.slice(match.index, match.index + match[0].length),
    });
  }
  return found;
}

/** Whether a unit read from a text is the encoded unit (an unqualified day is either kind). */
export function unitMatches(read: ReadUnit, encoded: TimeUnit): boolean {
  if (read === encoded) return true;
  return read === 'days' && (encoded === 'working_days' || encoded === 'calendar_days');
}
