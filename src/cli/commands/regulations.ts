import { kazakhstanDay } from '../../domain/calendar/kazakhstan-day.js';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  checkRegulationsWithFidelity,
  formatFinding,
  type FileFidelity,
} from '../../domain/regulation/check-regulations.js';
import type { CheckInput, LoadedRegulation } from '../../domain/regulation/check-regulations.js';
import { coverageOf } from '../../domain/regulation/check-versions.js';
import { formatCitation } from '../../domain/regulation/Citation.js';
import { renderBpmn } from '../../domain/regulation/diagram/bpmn.js';
import { renderProcessTable } from '../../domain/regulation/diagram/process-table.js';
import { stepDurationText } from '../../domain/regulation/diagram/step-text.js';
import { renderSvg } from '../../domain/regulation/diagram/svg.js';
import { formatDuration } from '../../domain/regulation/duration-arithmetic.js';
import { actorLabels } from '../../domain/regulation/labels.js';
import type { RegulationDefinition } from '../../domain/regulation/RegulationDefinition.js';
import { registryCatalogue } from '../../integrations/registry-adapters.js';
import { loadRegulations, regulationsDirectory } from '../../storage/regulation-files.js';
import { UsageError, type Command } from '../command.js';

const usage = `Usage: qyzmet regulations <action> [options]

  check [--json] [--fidelity] [--dir DIR]
                                    validate every definition file; exit 1 on errors, warnings only: 0;
                                    --fidelity: per file, the quotes, durations and citations verified
                                    against the sources' texts and what could not be (JSON: "fidelity"),
                                    the terms that hold, and the coverage of time by versions per
                                    region and service (docs/regulation-versions.md)
  list [--json] [--dir DIR]         code, region, version, effective dates, channels
  show <id> [--json] [--dir DIR]    one regulation in full
  diagram <id> --format bpmn|svg|table [--lang kk|ru] [--out FILE] [--dir DIR]
                                    BPMN 2.0 XML (one pool per channel, one lane per actor),
                                    SVG, or the business-process reference table (Markdown)

Definition files: regulations/<region>/<service>.yaml (see docs/writing-a-regulation.md).`;

function loadAll(directory: string | undefined): ReturnType<typeof loadRegulations> {
  return loadRegulations(directory ? path.resolve(directory) : regulationsDirectory);
}

function getLoaded(directory: string | undefined, id: string | undefined): LoadedRegulation {
  if (!id) throw new UsageError('missing regulation id (see "qyzmet regulations list")');
  const found = loadAll(directory).regulations.find((loaded) => loaded.regulation.id === id);
  if (!found) throw new UsageError(`no regulation with id "${id}" (see "qyzmet regulations list")`);
  return found;
}

function fidelityLines(fidelity: readonly FileFidelity[]): string[] {
  const sum = (pick: (file: FileFidelity) => number) =>
    fidelity.reduce((total, file) => total + pick(file), 0);
  const lines = fidelity.flatMap((file) => [
    `${file.file}: quotes ${file.quotes.verified}/${file.quotes.total}, durations ${file.durations.verified}/${file.durations.total}, citations ${file.citations.resolved}/${file.citations.total}, terms ${file.terms.verified}/${file.terms.total} verified against the source and the steps`,
    ...file.unverified.map((line) => `  not verified: ${line}`),
  ]);
  lines.push(
    `all files: quotes ${sum((file) => file.quotes.verified)}/${sum((file) => file.quotes.total)}, durations ${sum((file) => file.durations.verified)}/${sum((file) => file.durations.total)}, citations ${sum((file) => file.citations.resolved)}/${sum((file) => file.citations.total)}, terms ${sum((file) => file.terms.verified)}/${sum((file) => file.terms.total)} verified against the sources and the steps`,
  );
  return lines;
}

/** The coverage of time by versions, per region and service, and the services known by title. */
function coverageLines(input: CheckInput): string[] {
  const history = input.history ?? { gaps: [], knownByTitle: [] };
  const today = kazakhstanDay(new Date());
  const lines = coverageOf(input.regulations, history, today).map((service) => {
    const versions = service.periods.filter((period) => period.kind === 'version').length;
    const holes = service.periods
      .filter((period) => period.kind !== 'version')
      .map(
        (period) =>
          `${period.from}→${period.to ?? 'open'} ${period.kind === 'gap' ? period.gap.kind : 'UNEXPLAINED'}`,
      );
    const { days } = service;
    const percent = days.total > 0 ? Math.round((days.versions / days.total) * 100) : 100;
    return `coverage ${service.region}/${service.service}: ${versions} version(s), ${days.versions} of ${days.total} days under a version (${percent} %), ${days.explainedGaps} in explained gaps, ${days.unexplained} unexplained${holes.length > 0 ? `; gaps: ${holes.join(', ')}` : ''}`;
  });
  for (const entry of history.knownByTitle) {
    lines.push(
      `known only by title: ${entry.region} «${entry.title.ru}»${entry.excluded ? ` (excluded by No. ${entry.excluded.number} of ${entry.excluded.date})` : ''}: not encoded — ${entry.reason}`,
    );
  }
  return lines;
}

function runCheck(directory: string | undefined, json: boolean, showFidelity: boolean): number {
  const input = loadAll(directory);
  const { findings, fidelity } = checkRegulationsWithFidelity(input, {
    registries: registryCatalogue(),
  });
  const errors = findings.filter((finding) => finding.severity === 'error').length;
  const warnings = findings.length - errors;
  if (json) {
    console.log(
      JSON.stringify(
        {
          files: input.regulations.length + input.parseFailures.length,
          errors,
          warnings,
          findings,
          fidelity,
        },
        null,
        2,
      ),
    );
  } else {
    for (const finding of findings) console.log(formatFinding(finding));
    if (showFidelity) {
      for (const line of fidelityLines(fidelity)) console.log(line);
      for (const line of coverageLines(input)) console.log(line);
    }
    console.log(
      `${input.regulations.length + input.parseFailures.length} files, ${errors} errors, ${warnings} warnings`,
    );
  }
  return errors > 0 ? 1 : 0;
}

function summarise(regulation: RegulationDefinition) {
  return {
    id: regulation.id,
    service: regulation.service,
    region: regulation.region,
    version: regulation.version,
    effectiveFrom: regulation.effectiveFrom,
    effectiveTo: regulation.effectiveTo ?? null,
    channels: regulation.channels.map((flow) => flow.channel),
    name: regulation.name,
  };
}

function runList(directory: string | undefined, json: boolean): number {
  const rows = loadAll(directory).regulations.map((loaded) => ({
    ...summarise(loaded.regulation),
    file: loaded.file,
  }));
  if (json) {
    console.log(JSON.stringify(rows, null, 2));
    return 0;
  }
  for (const row of rows) {
    console.log(
      `${row.id.padEnd(62)} ${row.service.padEnd(33)} ${row.region.padEnd(17)} ${row.version}  ${row.effectiveFrom} → ${row.effectiveTo ?? 'open'}  ${row.channels.join(', ')}`,
    );
  }
  return 0;
}

function showText(loaded: LoadedRegulation): string {
  const r = loaded.regulation;
  const lines = [
    `${r.id}  (${loaded.file})`,
    `  ${r.name.ru}`,
    `  ${r.name.kk}`,
    `  ${r.name.en}`,
    `act: ${r.act.issuer.ru} No. ${r.act.number ?? '?'} of ${r.act.date ?? '?'}${r.repealedBy ? `; repealed by No. ${r.repealedBy.number ?? '?'} of ${r.repealedBy.date ?? '?'}` : ''}`,
    `amendments: ${r.amendments.map((a) => `No. ${a.number} of ${a.date} (points ${a.points.join(', ')})`).join('; ') || 'none'}`,
    `in force: ${r.effectiveFrom} → ${r.effectiveTo ?? 'open'} (${r.effectiveDates.basis})`,
    `providers: ${r.providerKinds.join(', ')}; applicants: ${r.applicantKinds.join(', ')}; forms: ${r.forms.join(', ')}; fee: ${r.fee.kind}`,
    'terms:',
    ...r.terms.map(
      (t) =>
        `  ${t.channels.join(', ')}: ${t.minimum ? `${t.minimum}–` : ''}${formatDuration(t.duration)} (${t.basis}; acceptance day ${t.countsAcceptanceDay ? 'counted' : 'not counted'}${t.extension.allowed && t.extension.maximum ? `; extension up to ${formatDuration(t.extension.maximum)}` : ''})`,
    ),
  ];
  for (const flow of r.channels) {
    lines.push(`channel ${flow.channel} (start ${flow.start}):`);
    for (const step of flow.steps) {
      const transition = step.next
        ? `→ ${step.next}`
        : step.decide
          ? `${step.decide.question}? yes → ${step.decide.ifYes}, no → ${step.decide.ifNo}`
          : `end: ${step.end ?? ''}`;
      lines.push(
        `  ${step.id.padEnd(22)} ${actorLabels[step.actor].en.padEnd(22)} ${step.action.padEnd(22)} ${stepDurationText(step, 'ru').padEnd(20)} ${transition}${step.status ? ` [${step.status}]` : ''}${step.produces.length ? ` produces ${step.produces.join(', ')}` : ''}`,
      );
    }
  }
  for (const excluded of r.channelsNotOffered)
    lines.push(`not offered: ${excluded.channel} (${formatCitation(excluded.source)})`);
  lines.push(
    'fields:',
    ...r.fields.map(
      (f) =>
        `  ${f.id}: ${f.required ? 'required' : 'optional'} ${f.format}${f.length?.exact ? ` =${f.length.exact}` : f.length?.max ? ` ≤${f.length.max}` : ''}${f.checkDigits ? ` (${f.checkDigits} check)` : ''} — ${f.label.ru}`,
    ),
  );
  lines.push(
    'documents:',
    ...r.documents.map(
      (d) =>
        `  ${d.id} (${d.requirement}${d.condition ? `: ${d.condition.ru}` : ''}) — ${d.title.ru}`,
    ),
  );
  lines.push('refusal grounds:', ...r.refusalGrounds.map((g) => `  ${g.stage}: ${g.text.ru}`));
  lines.push(
    'results:',
    ...r.results.map((d) => `  ${d.kind} ${d.id} [${d.forms.join(', ')}] — ${d.title.ru}`),
  );
  if (r.windows.length)
    lines.push(
      'windows:',
      ...r.windows.map(
        (w) =>
          `  ${w.id}: ${w.from ?? '…'} – ${w.until} when ${w.appliesWhen.field} ∈ {${w.appliesWhen.equals.join(', ')}}`,
      ),
    );
  lines.push(
    'source defects and resolutions:',
    ...r.defects.map(
      (d) =>
        `  ${d.id} [${d.kind}${d.remains ? ', remains' : ''}] ${d.description} → ${d.resolution?.text ?? 'not resolved'} (${formatCitation(d.citation)})`,
    ),
  );
  return lines.join('\n');
}

export const regulationsCommand: Command = {
  name: 'regulations',
  summary: 'Regulation definitions: check, list, show, diagram (BPMN, SVG, table)',
  usage,
  async run(argv) {
    const { positionals, values } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        fidelity: { type: 'boolean', default: false },
        dir: { type: 'string' },
        format: { type: 'string' },
        lang: { type: 'string', default: 'ru' },
        out: { type: 'string' },
      },
    });
    const [action, id] = positionals;
    switch (action ?? '') {
      case 'check':
        return runCheck(values.dir, values.json, values.fidelity);
      case 'list':
        return runList(values.dir, values.json);
      case 'show': {
        const loaded = getLoaded(values.dir, id);
        console.log(values.json ? JSON.stringify(loaded.regulation, null, 2) : showText(loaded));
        return 0;
      }
      case 'diagram': {
        const language = values.lang;
        if (language !== 'kk' && language !== 'ru') throw new UsageError('--lang must be kk or ru');
        const loaded = getLoaded(values.dir, id);
        let output: string;
        if (values.format === 'bpmn') output = renderBpmn(loaded.regulation, language);
        else if (values.format === 'svg') output = renderSvg(loaded.regulation, language);
        else if (values.format === 'table')
          output = renderProcessTable(loaded.regulation, language);
        else throw new UsageError('--format must be bpmn, svg or table');
        if (values.out) fs.writeFileSync(values.out, output);
        else process.stdout.write(output);
        return 0;
      }
      default:
        throw new UsageError(
          action ? `unknown regulations action "${action}"` : 'missing regulations action',
        );
    }
  },
};
