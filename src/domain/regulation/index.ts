/**
 * The regulation module: schemas of a regulation definition, `defineRegulation()`, the checker,
 * version selection and the generated diagrams. The engine imports from here.
 */
export * from './ActionKind.js';
export * from './ApplicantKind.js';
export * from './ApplicationField.js';
export * from './BilingualText.js';
export * from './Channel.js';
export * from './ChannelFlow.js';
export * from './Citation.js';
export * from './CitizenStatus.js';
export * from './Decision.js';
export * from './DecisionQuestion.js';
export * from './DocumentKind.js';
export * from './Duration.js';
export * from './EndOutcome.js';
export * from './OfficeSchedule.js';
export * from './RegulationDefinition.js';
export * from './ServiceCode.js';
export * from './RegionCode.js';
export * from './RegistryLookup.js';
export * from './Step.js';
export * from './StepDuration.js';
export * from './TimeUnit.js';
export * from './TotalTerm.js';
export * from './application-rules.js';
export * from './check-regulations.js';
export * from './define-regulation.js';
export * from './flow-graph.js';
export * from './select-version.js';
