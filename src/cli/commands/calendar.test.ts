import { afterEach, describe, expect, it, vi } from 'vitest';
import { UsageError } from '../command.js';
import { calendarCommand } from './calendar.js';

async function run(...argv: string[]): Promise<{ code: number; output: string }> {
  const lines: string[] = [];
  const spy = vi.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => {
    lines.push(parts.join(' '));
  });
  try {
    const code = await calendarCommand.run(argv);
    return { code, output: lines.join('\n') };
  } finally {
    spy.mockRestore();
  }
}

afterEach(() => vi.restoreAllMocks());

describe('qyzmet calendar', () => {
  it('due prints the due instant with its offset', async () => {
    const result = await run(
      'due',
      '--start',
      '2024-03-20T10:00',
      '--term',
      '15 working days',
      '--exclude-start-day',
    );
    expect(result).toEqual({ code: 0, output: '2024-04-15T18:30:00+05:00' });
  });

  it('due honours --schedule and --region (portal, after hours, West Kazakhstan before the 2024 zone change)', async () => {
    const result = await run(
      'due',
      '--start',
      '2023-06-02T19:00',
      '--term',
      '2 hours',
      '--schedule',
      'portal',
      '--region',
      'west-kazakhstan',
    );
    expect(result.output).toBe('2023-06-05T11:00:00+05:00');
    const almaty = await run(
      'due',
      '--start',
      '2023-06-02T19:00',
      '--term',
      '2 hours',
      '--schedule',
      'front-office',
      '--region',
      'almaty',
    );
    expect(almaty.output).toBe('2023-06-03T10:00:00+06:00');
  });

  it('due refuses a bad term, schedule or region as usage errors', async () => {
    await expect(run('due', '--start', '2024-03-20T10:00', '--term', '15 weeks')).rejects.toThrow(
      UsageError,
    );
    await expect(
      run('due', '--start', '2024-03-20T10:00', '--term', '1 hours', '--schedule', 'bank'),
    ).rejects.toThrow(UsageError);
    await expect(
      run('due', '--start', '2024-03-20T10:00', '--term', '1 hours', '--region', 'mars'),
    ).rejects.toThrow(UsageError);
    await expect(run('due', '--start', '2030-01-01T10:00', '--term', '1 hours')).rejects.toThrow(
      UsageError,
    );
  });

  it('days lists the days off of a year with their sources', async () => {
    const result = await run('days', '2022', '--json');
    const parsed = JSON.parse(result.output) as { days: { date: string; sources: string[] }[] };
    expect(parsed.days.map((day) => day.date)).toContain('2022-10-25');
    expect(parsed.days.find((day) => day.date === '2022-03-07')?.sources).toEqual(['pp-2021-713']);
    const text = await run('days', '2024');
    expect(text.output).toContain('2024-06-17  religiousHoliday');
  });

  it('check passes on the shipped data 2012–2027', async () => {
    const result = await run('check', '--json');
    const parsed = JSON.parse(result.output) as { files: number; errors: number };
    expect(result.code).toBe(0);
    expect(parsed).toMatchObject({ files: 16, errors: 0 });
  });
});
