import { z } from 'zod';
import { BilingualText } from './BilingualText.js';
import { Channel } from './Channel.js';
import { Citation } from './Citation.js';
import { Step } from './Step.js';

/** The ordered flow of steps of one channel. */
export const ChannelFlow = z
  .object({
    channel: Channel,
    start: z.string().min(1).describe('Id of the first step'),
    steps: z.array(Step).min(1).describe('The steps in the order of the text'),
    note: BilingualText.optional().describe('Remarks for officials about this channel'),
    source: Citation.describe('Where the text describes this channel'),
  })
  .strict()
  .superRefine(function stepIdsAreUnique(flow, context) {
    const seen = new Set<string>();
    flow.steps.forEach((step, index) => {
      if (seen.has(step.id)) {
        context.addIssue({
          code: 'custom',
          path: ['steps', index, 'id'],
          message: `rule stepIdsAreUnique: step id "${step.id}" appears twice in the ${flow.channel} flow`,
        });
      }
      seen.add(step.id);
    });
  })
  .superRefine(function transitionsPointToSteps(flow, context) {
    const ids = new Set(flow.steps.map((step) => step.id));
    if (!ids.has(flow.start)) {
      context.addIssue({
        code: 'custom',
        path: ['start'],
        message: `rule transitionsPointToSteps: start "${flow.start}" is not a step of the ${flow.channel} flow`,
      });
    }
    flow.steps.forEach((step, index) => {
      const targets: [string, string][] = [];
      if (step.next) targets.push(['next', step.next]);
      if (step.decide) {
        targets.push(['decide.ifYes', step.decide.ifYes], ['decide.ifNo', step.decide.ifNo]);
      }
      for (const [field, target] of targets) {
        if (!ids.has(target)) {
          context.addIssue({
            code: 'custom',
            path: ['steps', index, ...field.split('.')],
            message: `rule transitionsPointToSteps: step "${step.id}" ${field} points to unknown step "${target}"`,
          });
        }
      }
    });
  })
  .describe('A channel with its own ordered flow of steps');
export type ChannelFlow = z.infer<typeof ChannelFlow>;
