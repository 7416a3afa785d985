import type { RegulationIssue } from './define-regulation.js';
import type { RegistryCatalogue } from './RegistryLookup.js';
import type { RegulationDefinition } from './RegulationDefinition.js';
import type { VersionHistory } from './VersionHistory.js';
import type { VocabularyIndex } from './vocabulary-index.js';

/** error: the definition cannot be executed as written; warning: a consistency finding. */
export type FindingSeverity = 'error' | 'warning';

/** One finding of the checker; always names the file, the rule and (where there is one) the step. */
export interface Finding {
  severity: FindingSeverity;
  file: string;
  regulationId?: string;
  channel?: string;
  step?: string;
  /** Where the definition is wrong (parse errors) or the field concerned. */
  path?: string;
  rule: string;
  message: string;
  /** The source text the finding is about: "akimat-2015-232, point 6, item 8". */
  citation?: string;
}

/** A loaded definition with the file it came from. */
export interface LoadedRegulation {
  file: string;
  regulation: RegulationDefinition;
  /** The folder the file sits in (regulations/<folder>/<service>.yaml): must be the region. */
  folder?: string;
}

/** The input of the checker: parsed definitions and the files that failed to parse. */
export interface CheckInput {
  regulations: readonly LoadedRegulation[];
  parseFailures: readonly { file: string; issues: readonly RegulationIssue[] }[];
  /** The vocabulary the definitions are checked against (regions, services, sources…). */
  vocabulary?: VocabularyIndex;
  /** Why the vocabulary files were refused; then no definition can be checked against them. */
  vocabularyFailures?: readonly RegulationIssue[];
  /**
   * The full texts of the declared sources, by source id. When given, every quote, duration and
   * citation is read against them (check-source-fidelity.ts); without them those checks are off.
   */
  sourceTexts?: ReadonlyMap<string, string>;
  /**
   * regulations/_vocabulary/versions.yaml: explained gaps between versions and services known
   * only by title. Without it every gap between two versions is unexplained.
   */
  history?: VersionHistory;
  /** Why versions.yaml was refused. */
  historyFailures?: readonly RegulationIssue[];
}

/** What the checker knows beyond the files: the registry adapters registered in the gateway. */
export interface CheckContext {
  /** By adapter name (src/integrations/registry-adapters.ts, registryCatalogue()). */
  registries: RegistryCatalogue;
}
