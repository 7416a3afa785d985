import fs from 'node:fs';
import { registryCatalogue } from '../integrations/registry-adapters.js';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { regulationsCommand } from '../cli/commands/regulations.js';
import { checkRegulations } from '../domain/regulation/check-regulations.js';
import { loadRegulations, regulationsDirectory } from './regulation-files.js';

// Loading and checking the 17 definitions against their source texts takes a few seconds on a
// loaded machine: the tests that do it (once or through the CLI) get 30 s.
let copy: string;

async function runCli(args: string[]): Promise<{ code: number; output: string }> {
  const lines: string[] = [];
  const spy = vi.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => {
    lines.push(parts.join(' '));
  });
  try {
    const code = await regulationsCommand.run(args);
    return { code, output: lines.join('\n') };
  } finally {
    spy.mockRestore();
  }
}

beforeAll(() => {
  copy = fs.mkdtempSync(path.join(os.tmpdir(), 'qyzmet-regulations-'));
  fs.cpSync(regulationsDirectory, copy, { recursive: true });
});
afterAll(() => fs.rmSync(copy, { recursive: true, force: true }));

describe('loading regulations/', () => {
  it('loads every file; the id names the file: regulations/<region>/<service>.yaml, an earlier version <service>.<version>.yaml', () => {
    const { regulations, parseFailures } = loadRegulations();
    expect(parseFailures).toEqual([]);
    expect(regulations.map((loaded) => loaded.regulation.id).sort()).toEqual([
      'aktobe.duplicates.2016-02-19',
      'aktobe.duplicates.2018-07-20',
      'aktobe.extern-permission.2016-02-19',
      'aktobe.school-admission.2015-06-29',
      'aktobe.school-admission.2018-07-20',
      'kostanay.duplicates.2018-07-04',
      'kostanay.duplicates.2018-12-21',
      'kostanay.extern-permission.2016-06-21',
      'kostanay.extern-permission.2018-12-21',
      'kostanay.school-admission.2018-12-21',
      'national.duplicates.2020-01-01',
      'south-kazakhstan.archive-certificate.2012-12-26',
      'south-kazakhstan.disabled-children-home-education.2012-12-26',
      'south-kazakhstan.kindergarten-queue.2012-12-26',
      'south-kazakhstan.unemployed-certificate.2012-12-26',
      'west-kazakhstan.duplicates.2016-03-01',
      'west-kazakhstan.extern-permission.2016-03-01',
    ]);
    for (const { file, regulation } of regulations) {
      const newest = regulations
        .filter(
          (other) =>
            other.regulation.region === regulation.region &&
            other.regulation.service === regulation.service,
        )
        .every((other) => other.regulation.effectiveFrom <= regulation.effectiveFrom);
      expect(file).toBe(
        newest
          ? `regulations/${regulation.region}/${regulation.service}.yaml`
          : `regulations/${regulation.region}/${regulation.service}.${regulation.version}.yaml`,
      );
    }
  }, 30_000);

  it('`regulations check` exits 0 with warnings only; --json gives the same counts', async () => {
    const text = await runCli(['check']);
    expect(text.code).toBe(0);
    expect(text.output).toMatch(/17 files, 0 errors, \d+ warnings$/);
    const json = await runCli(['check', '--json']);
    const parsed = JSON.parse(json.output) as { errors: number; warnings: number; files: number };
    expect(parsed).toMatchObject({ files: 17, errors: 0 });
    expect(parsed.warnings).toBeGreaterThan(10);
  }, 30_000);

  it('a broken copy fails with the file, the step path and the rule', async () => {
    const file = path.join(copy, 'kostanay', 'duplicates.yaml');
    const text = fs.readFileSync(file, 'utf8');
    // unknown actor on the head's step, and a step without a Russian description
    const broken = text
      .replace('- id: assign\n        actor: head', '- id: assign\n        actor: clerk')
      .replace(
        /(id: issue-result\n\s+actor: registry_office\n\s+action: issue_result\n\s+description:\n\s+kk: [^\n]+\n)\s+ru: [^\n]+\n/,
        '$1',
      );
    expect(broken).not.toBe(text);
    fs.writeFileSync(file, broken);
    const input = loadRegulations(copy);
    expect(input.parseFailures).toHaveLength(1);
    const errors = checkRegulations(input, { registries: registryCatalogue() }).filter(
      (finding) => finding.severity === 'error',
    );
    expect(errors).toContainEqual(
      expect.objectContaining({
        file: expect.stringMatching(/kostanay\/duplicates\.yaml$/),
        channel: 'provider_office',
        step: 'assign',
        path: 'channels[provider_office].steps[assign].actor',
        rule: 'schema.invalid_value',
      }),
    );
    expect(errors).toContainEqual(
      expect.objectContaining({
        step: 'issue-result',
        path: 'channels[provider_office].steps[issue-result].description.ru',
        rule: 'schema.invalid_type',
      }),
    );
    const cli = await runCli(['check', '--dir', copy]);
    expect(cli.code).toBe(1);
    expect(cli.output).toContain(
      '[provider_office/assign] channels[provider_office].steps[assign].actor schema.invalid_value',
    );
  }, 30_000);

  it('a YAML syntax error is reported as such', () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'qyzmet-yaml-'));
    fs.writeFileSync(path.join(directory, 'bad.yaml'), 'id: [unclosed\n');
    const input = loadRegulations(directory);
    expect(input.parseFailures[0]?.issues[0]).toMatchObject({ rule: 'yamlSyntax', path: '(yaml)' });
    fs.rmSync(directory, { recursive: true, force: true });
  });

  it('`regulations diagram` writes BPMN, SVG and the table, in kk or ru', async () => {
    const id = 'south-kazakhstan.archive-certificate.2012-12-26';
    for (const [format, language, marker] of [
      [
        'bpmn',
        'ru',
        '<bpmn:lane id="provider_office_lane_executor" name="Ответственный исполнитель">',
      ],
      ['svg', 'kk', 'Жауапты орындаушы'],
      ['table', 'ru', '| 15–30 календ. дн. (продление до 6 мес.) |'],
    ] as const) {
      const out = path.join(copy, `diagram.${format}`);
      expect(
        (await runCli(['diagram', id, '--format', format, '--lang', language, '--out', out])).code,
      ).toBe(0);
      expect(fs.readFileSync(out, 'utf8')).toContain(marker);
    }
    await expect(runCli(['diagram', id, '--format', 'png'])).rejects.toThrow(
      '--format must be bpmn, svg or table',
    );
    await expect(runCli(['show', 'nowhere.duplicates.2000-01-01'])).rejects.toThrow(
      'no regulation with id',
    );
  }, 20_000); // three CLI runs, each loading every definition: slow on a loaded machine

  it('`regulations list --json` and `show` describe the versions', async () => {
    const list = JSON.parse((await runCli(['list', '--json'])).output) as {
      id: string;
      channels: string[];
      effectiveFrom: string;
    }[];
    expect(list.find((row) => row.id === 'kostanay.duplicates.2018-12-21')).toMatchObject({
      channels: ['provider_office', 'front_office'],
      effectiveFrom: '2019-01-01',
    });
    const show = await runCli(['show', 'kostanay.duplicates.2018-12-21']);
    expect(show.output).toContain('channel provider_office (start register)');
    expect(show.output).toContain('fo-provider-13-days [term_mismatch, remains]');
  });
});
