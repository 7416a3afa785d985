import { z } from 'zod';
import { ApplicationStatus } from '../../domain/application/ApplicationStatus.js';
import { PageLimit } from './paging.js';

/** Paging and filters of a list of applications (the inbox, a citizen's own list). */
export const ApplicationListQuery = z
  .object({
    limit: PageLimit.describe('Page size, 1…100'),
    cursor: z.string().optional().describe('nextCursor of the previous page'),
    service: z.string().min(1).max(100).optional().describe('Only this service code'),
    status: ApplicationStatus.optional().describe('Only this status'),
    overdue: z
      .enum(['true', 'false'])
      .optional()
      .describe('true: only applications past their step (or total) due now'),
  })
  .strict();
