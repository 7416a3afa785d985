import { describe, expect, it } from 'vitest';
import { readDurations, unitMatches } from './read-durations.js';

const read = (text: string) =>
  readDurations(text).map(
    (duration) =>
      `${duration.minimum !== undefined ? `${duration.minimum}..` : ''}${duration.amount} ${duration.unit}`,
  );

describe('readDurations (Russian)', () => {
  it.each([
    ['Не более 1 минуты.', ['1 minutes']],
    ['Не более 10 минут', ['10 minutes']],
    ['руководитель … налагает визу, 3 (три) часа', ['3 hours']],
    ['в течение 13 (тринадцати) рабочих дней рассматривает', ['13 working_days']],
    ['13 (тринадцать) рабочих дней', ['13 working_days']],
    ['Три рабочих дня (день приема и день выдачи документов не входят в срок)', ['3 working_days']],
    ['в течение одного рабочего дня', ['1 working_days']],
    ['1 (один) день', ['1 days']],
    ['3 дня (день приема и день выдачи документов не входит в срок)', ['3 days']],
    ['в течение 15 (пятнадцати) минут осуществляет прием', ['15 minutes']],
    [
      'От 15 до 30 календарных дней (в исключительных случаях до 6 мес.)',
      ['15 calendar_days', '15..30 calendar_days', '6 months'],
    ],
    ['в течение двух часов', ['2 hours']],
    ['Не более минуты', ['1 minutes']],
    ['в течение часа', ['1 hours']],
    ['5 (пяти) календарных дней', ['5 calendar_days']],
  ])('%s', (text, expected) => {
    expect(read(text)).toEqual(expected);
  });

  it('reads nothing where no number is given or the word is not a unit', () => {
    expect(read('в течение дня после приема')).toEqual([]);
    expect(read('пункт 5 части 2 статьи 3')).toEqual([]);
    expect(read('ответственный исполнитель изучает пакет документов')).toEqual([]);
  });
});

describe('readDurations (Kazakh)', () => {
  it.each([
    ['3 (үш) сағат ішінде', ['3 hours']],
    ['12 (он екі) жұмыс күні ішінде', ['12 working_days']],
    ['1 (бір) күн ішінде Мемлекеттік корпорацияға', ['1 days']],
    ['1 күн', ['1 days']],
    ['15 минут', ['15 minutes']],
    ['10 (он) минут ішінде келіп түскен', ['10 minutes']],
    ['5 (бес) күнтізбелік күн', ['5 calendar_days']],
    ['он бес минут', ['15 minutes']],
    ['бір жұмыс күні', ['1 working_days']],
  ])('%s', (text, expected) => {
    expect(read(text)).toEqual(expected);
  });

  it('does not read «күнтізбелік» alone or a word that only starts like a unit', () => {
    expect(read('күнтізбелік кестесі')).toEqual([]);
    expect(read('3 айлық')).toEqual([]);
  });
});

describe('unitMatches', () => {
  it('an unqualified day matches working or calendar days; calendar days are not working days', () => {
    expect(unitMatches('days', 'working_days')).toBe(true);
    expect(unitMatches('days', 'calendar_days')).toBe(true);
    expect(unitMatches('calendar_days', 'working_days')).toBe(false);
    expect(unitMatches('working_days', 'calendar_days')).toBe(false);
    expect(unitMatches('minutes', 'hours')).toBe(false);
  });
});
