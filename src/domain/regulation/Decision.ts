import { z } from 'zod';
import { DecisionQuestion } from './DecisionQuestion.js';

/** A yes/no branch: the step answers `question`; the flow continues at `ifYes` or `ifNo`. */
export const Decision = z
  .object({
    question: DecisionQuestion,
    ifYes: z.string().min(1).describe('Step id to continue at when the answer is yes'),
    ifNo: z.string().min(1).describe('Step id to continue at when the answer is no'),
  })
  .strict()
  .describe('Branch on a named yes/no condition');
export type Decision = z.infer<typeof Decision>;
