import { z } from 'zod';
import { Amendment } from './Amendment.js';
import { ApplicantKind } from './ApplicantKind.js';
import { ApplicationField } from './ApplicationField.js';
import { BilingualText } from './BilingualText.js';
import { Channel } from './Channel.js';
import { ChannelFlow } from './ChannelFlow.js';
import { Citation } from './Citation.js';
import { Duration } from './Duration.js';
import { LegalAct } from './LegalAct.js';
import { OfficeSchedule } from './OfficeSchedule.js';
import { RefusalGround } from './RefusalGround.js';
import { RegionCode } from './RegionCode.js';
import { RequiredDocument } from './RequiredDocument.js';
import { ResultDocument } from './ResultDocument.js';
import { ServiceCode } from './ServiceCode.js';
import { ServiceWindow } from './ServiceWindow.js';
import { SourceDefect } from './SourceDefect.js';
import { TotalTerm } from './TotalTerm.js';
import { TrilingualText } from './TrilingualText.js';

const isoDate = z.iso.date();

/**
 * One version of a regulation of a public service ("регламент государственной услуги"), as
 * issued by a region's akimat (or a national standard), with the amendments it incorporates.
 * An application follows the version in force on the day it was submitted:
 * `effectiveFrom <= day < effectiveTo`.
 */
export const RegulationDefinition = z
  .object({
    id: z
      .string()
      .regex(
        /^[a-z-]+\.[a-z-]+\.\d{4}-\d{2}-\d{2}$/,
        'rule idFormat: <region>.<service>.<version date>, e.g. north-region.library-card.2026-01-01',
      )
      .describe('<region>.<service>.<version>, e.g. north-region.library-card.2026-01-01'),
    service: ServiceCode,
    name: TrilingualText.describe('Name of the service (kk, ru from the texts; en)'),
    region: RegionCode,
    act: LegalAct.describe('The act that approved the regulation'),
    amendments: z.array(Amendment).default([]).describe('Amendments incorporated in this version'),
    repealedBy: LegalAct.optional().describe('The act that repealed the regulation'),
    basedOn: BilingualText.optional().describe('The national standard the regulation implements'),
    version: isoDate.describe(
      'Date of the latest act incorporated (the act itself or its last amendment)',
    ),
    effectiveFrom: isoDate.describe('First day this version is in force'),
    effectiveTo: isoDate
      .optional()
      .describe('First day it is no longer in force (repeal); absent: open'),
    effectiveDates: z
      .object({
        basis: z
          .enum(['stated', 'estimated', 'assumed'])
          .describe(
            'stated: in the text; estimated: computed from the text (e.g. act date + 10 calendar days after publication); assumed: not in the text',
          ),
        note: z.string().min(1).describe('How the dates were obtained'),
      })
      .strict()
      .describe('How effectiveFrom/effectiveTo were obtained'),
    providerKinds: z
      .array(
        z
          .string()
          .regex(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/, 'rule codeFormat: lower case with underscores')
          .describe('A code of regulations/_vocabulary/provider-kinds.yaml'),
      )
      .min(1)
      .describe('Kinds of organisation that provide the service (услугодатель)'),
    applicantKinds: z.array(ApplicantKind).min(1).describe('Who may apply'),
    forms: z
      .array(z.enum(['electronic', 'partially_automated', 'paper']))
      .min(1)
      .describe(
        'Форма оказания: electronic | partially_automated (частично автоматизированная) | paper',
      ),
    fee: z
      .object({
        kind: z
          .enum(['free', 'paid', 'not_stated'])
          .describe('free (бесплатно) | paid | not_stated (the text is silent)'),
        amount: z.number().nonnegative().optional().describe('Amount in tenge when paid'),
        source: Citation.optional(),
      })
      .strict()
      .describe('Fee charged to the applicant'),
    channels: z.array(ChannelFlow).min(1).describe('Channels accepted, each with its flow'),
    channelsNotOffered: z
      .array(
        z.object({ channel: Channel, quote: z.string().optional(), source: Citation }).strict(),
      )
      .default([])
      .describe('Channels the text expressly excludes ("не оказывается")'),
    terms: z
      .array(TotalTerm)
      .min(1)
      .describe('Total terms; every channel is covered by exactly one'),
    fields: z.array(ApplicationField).default([]).describe('Application form fields with ФЛК'),
    documents: z.array(RequiredDocument).default([]).describe('Documents the applicant supplies'),
    refusalGrounds: z.array(RefusalGround).default([]).describe('Grounds for refusal'),
    results: z
      .array(ResultDocument)
      .min(1)
      .describe('Documents issued (results, refusals, receipts)'),
    windows: z
      .array(ServiceWindow)
      .default([])
      .describe('Yearly windows for accepting applications'),
    frontOfficeStorage: z
      .object({
        keepFor: Duration.describe('How long the front office keeps an uncollected result'),
        resendWithin: Duration.describe('How fast the provider sends it back when asked later'),
        source: Citation,
      })
      .strict()
      .optional()
      .describe('Storage of uncollected results at the front office'),
    schedules: z
      .array(OfficeSchedule)
      .default([])
      .describe('Working hours per channel, where the text states them'),
    accessibility: z
      .object({
        homeVisitOnRequest: z
          .boolean()
          .describe(
            'Documents are collected at home for applicants who cannot move or orient themselves',
          ),
        contactCentre: z.array(z.string()).describe('Phone numbers of the unified contact centre'),
        source: Citation,
      })
      .strict()
      .optional()
      .describe('Home visits and the contact centre (002, point 10)'),
    notifications: z
      .object({
        onStatusChange: z.boolean(),
        onExtension: z.boolean(),
        source: Citation,
      })
      .strict()
      .optional()
      .describe('When the applicant is notified'),
    defects: z
      .array(SourceDefect)
      .default([])
      .describe('Defects of the source text and their resolutions'),
  })
  .strict()
  .superRefine(function idMatchesRegionServiceVersion(regulation, context) {
    const expected = `${regulation.region}.${regulation.service}.${regulation.version}`;
    if (regulation.id !== expected) {
      context.addIssue({
        code: 'custom',
        path: ['id'],
        message: `rule idMatchesRegionServiceVersion: id must be "${expected}"`,
      });
    }
  })
  .superRefine(function versionIsLatestAct(regulation, context) {
    const dates = [regulation.act.date, ...regulation.amendments.map((a) => a.date)].filter(
      (date): date is string => date !== undefined,
    );
    const latest = dates.sort().at(-1);
    if (latest !== undefined && latest !== regulation.version) {
      context.addIssue({
        code: 'custom',
        path: ['version'],
        message: `rule versionIsLatestAct: version must be the date of the latest act incorporated (${latest})`,
      });
    }
  })
  .superRefine(function effectiveRangeIsOrdered(regulation, context) {
    if (
      regulation.effectiveTo !== undefined &&
      regulation.effectiveTo <= regulation.effectiveFrom
    ) {
      context.addIssue({
        code: 'custom',
        path: ['effectiveTo'],
        message: 'rule effectiveRangeIsOrdered: effectiveTo must be after effectiveFrom',
      });
    }
  })
  .superRefine(function channelsAreUniqueAndTermed(regulation, context) {
    const flowChannels = regulation.channels.map((flow) => flow.channel);
    flowChannels.forEach((channel, index) => {
      if (flowChannels.indexOf(channel) !== index) {
        context.addIssue({
          code: 'custom',
          path: ['channels', index, 'channel'],
          message: `rule channelsAreUniqueAndTermed: channel ${channel} has two flows`,
        });
      }
      const covering = regulation.terms.filter((term) => term.channels.includes(channel)).length;
      if (covering !== 1) {
        context.addIssue({
          code: 'custom',
          path: ['terms'],
          message: `rule channelsAreUniqueAndTermed: channel ${channel} is covered by ${covering} terms (needs exactly 1)`,
        });
      }
    });
    regulation.terms.forEach((term, index) => {
      for (const channel of term.channels) {
        if (!flowChannels.includes(channel)) {
          context.addIssue({
            code: 'custom',
            path: ['terms', index, 'channels'],
            message: `rule channelsAreUniqueAndTermed: term names channel ${channel}, which has no flow`,
          });
        }
      }
    });
    regulation.channelsNotOffered.forEach((excluded, index) => {
      if (flowChannels.includes(excluded.channel)) {
        context.addIssue({
          code: 'custom',
          path: ['channelsNotOffered', index],
          message: `rule channelsAreUniqueAndTermed: channel ${excluded.channel} is both offered and not offered`,
        });
      }
    });
  })
  .superRefine(function idsAreUnique(regulation, context) {
    const lists = {
      fields: regulation.fields,
      documents: regulation.documents,
      refusalGrounds: regulation.refusalGrounds,
      results: regulation.results,
      windows: regulation.windows,
      defects: regulation.defects,
    } as const;
    for (const [name, list] of Object.entries(lists)) {
      const seen = new Set<string>();
      list.forEach((entry, index) => {
        if (seen.has(entry.id)) {
          context.addIssue({
            code: 'custom',
            path: [name, index, 'id'],
            message: `rule idsAreUnique: ${name} id "${entry.id}" appears twice`,
          });
        }
        seen.add(entry.id);
      });
    }
  })
  .superRefine(function referencesResolve(regulation, context) {
    const fieldIds = new Set(regulation.fields.map((field) => field.id));
    regulation.windows.forEach((window, index) => {
      const field = regulation.fields.find((f) => f.id === window.appliesWhen.field);
      if (!fieldIds.has(window.appliesWhen.field)) {
        context.addIssue({
          code: 'custom',
          path: ['windows', index, 'appliesWhen', 'field'],
          message: `rule referencesResolve: window "${window.id}" refers to unknown field "${window.appliesWhen.field}"`,
        });
      } else if (field?.choices) {
        const values = new Set(field.choices.map((choice) => choice.value));
        for (const value of window.appliesWhen.equals) {
          if (!values.has(value)) {
            context.addIssue({
              code: 'custom',
              path: ['windows', index, 'appliesWhen', 'equals'],
              message: `rule referencesResolve: window "${window.id}" uses "${value}", not a choice of "${field.id}"`,
            });
          }
        }
      }
    });
    regulation.documents.forEach((document, index) => {
      for (const condition of document.when ?? []) {
        if (!fieldIds.has(condition.field)) {
          context.addIssue({
            code: 'custom',
            path: ['documents', index, 'when'],
            message: `rule referencesResolve: document "${document.id}" depends on unknown field "${condition.field}"`,
          });
        }
      }
    });
    const defectIds = new Set(regulation.defects.map((defect) => defect.id));
    regulation.channels.forEach((flow, flowIndex) => {
      flow.steps.forEach((step, stepIndex) => {
        for (const reference of step.resolves ?? []) {
          if (!defectIds.has(reference)) {
            context.addIssue({
              code: 'custom',
              path: ['channels', flowIndex, 'steps', stepIndex, 'resolves'],
              message: `rule referencesResolve: step "${step.id}" resolves unknown defect "${reference}"`,
            });
          }
        }
      });
    });
  })
  .describe('A version of a regulation of a public service');
export type RegulationDefinition = z.infer<typeof RegulationDefinition>;
