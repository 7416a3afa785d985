/**
 * Every failure the domain and the features report to a caller has a code here.
 * `http/error-table.ts` maps each code to an HTTP status and a kk/ru/en message;
 * adding a code without a row there fails the typecheck.
 */
export const ErrorCode = {
  validationFailed: 'validation_failed',
  notFound: 'not_found',
  unauthenticated: 'unauthenticated',
  forbidden: 'forbidden',
  conflict: 'conflict',
  rateLimited: 'rate_limited',
  registryUnavailable: 'registry_unavailable',
  /**
   * At the front office's intake a state registry did not answer: the application was not
   * registered and nothing was created; the operator keeps the documents and repeats (503).
   */
  intakeRegistryUnavailable: 'intake_registry_unavailable',
  /** ЭЦП not confirmed (condition 2); details.reason is a SignatureFailure. */
  signatureNotConfirmed: 'signature_not_confirmed',
  /**
   * complete_step at a signing step (sign_result): the step is done by preparing the result
   * document and signing it (details.prepare, details.sign name the API calls).
   */
  signedDocumentRequired: 'signed_document_required',
  /**
   * complete_step at the front-office operator's sign_request step: the step is done by
   * signing the electronic request (details.request, details.sign name the API calls).
   */
  signedRequestRequired: 'signed_request_required',
  /**
   * The database cannot be reached right now (a restart, a lost connection): nothing was
   * done, and the same request may succeed in a few seconds (503 with Retry-After).
   */
  databaseUnavailable: 'database_unavailable',
  /**
   * The SMS gateway did not take a message that must go at once (a one-time code): 503 with
   * Retry-After; asking again sends a new code.
   */
  smsUnavailable: 'sms_unavailable',
  /** The request body is larger than the route accepts (413); nothing was read further. */
  payloadTooLarge: 'payload_too_large',
  /** The request itself is malformed (bad encoding, a broken multipart body): 400. */
  badRequest: 'bad_request',
  internal: 'internal',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** A field-level problem: where it is, what rule it broke, and values for the message. */
export interface FieldIssue {
  path: string;
  rule: string;
  params?: Record<string, string | number>;
}

/**
 * A failure with a stable code and structured details. The message is for developers
 * and logs; users see the localised text from the error table.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly details: Record<string, unknown> & { issues?: FieldIssue[] } = {},
    message?: string,
    /** For side-effect failures: whether repeating the command may succeed. */
    readonly isRetryable = false,
  ) {
    super(message ?? code);
    this.name = 'DomainError';
  }
}
