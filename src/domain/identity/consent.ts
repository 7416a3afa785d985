import type { LocalizedText } from '../shared/locale.js';

/**
 * The applicant's consent to the use of legally protected secrets held in information
 * systems (000/004 front office flow: the operator obtains the applicant's written consent
 * before sending the request; 002: consent by one-time password for the digital documents
 * service).
 */
export const ConsentScope = {
  /** «согласие на использование сведений, составляющих охраняемую законом тайну, содержащихся в информационных системах» */
  protectedDataInInformationSystems: 'protected_data_in_information_systems',
  /** release of one document by the digital documents service (002) */
  digitalDocumentRelease: 'digital_document_release',
} as const;
export type ConsentScope = (typeof ConsentScope)[keyof typeof ConsentScope];

/** Through which channel the consent was given. */
export const ConsentChannel = {
  providerOffice: 'provider_office',
  frontOffice: 'front_office',
  portal: 'portal',
} as const;
export type ConsentChannel = (typeof ConsentChannel)[keyof typeof ConsentChannel];

/** How the consent was given. */
export const ConsentMethod = {
  /** signed with ЭЦП */
  signature: 'signature',
  /** confirmed with a one-time password to the registered phone */
  otp: 'otp',
  /** written consent on paper, taken by an operator */
  paper: 'paper',
} as const;
export type ConsentMethod = (typeof ConsentMethod)[keyof typeof ConsentMethod];

/** The consent text shown and printed, per scope. */
export const consentText: Record<ConsentScope, LocalizedText> = {
  protected_data_in_information_systems: {
    kk: 'Ақпараттық жүйелерде қамтылған, заңмен қорғалатын құпияны құрайтын мәліметтерді пайдалануға келісім беремін.',
    ru: 'Даю согласие на использование сведений, составляющих охраняемую законом тайну, содержащихся в информационных системах.',
    en: 'I consent to the use of legally protected information held in information systems.',
  },
  digital_document_release: {
    kk: 'Цифрлық құжаттар сервисінен құжатымды көрсетілетін қызметті берушіге беруге келісім беремін.',
    ru: 'Даю согласие на предоставление моего документа из сервиса цифровых документов услугодателю.',
    en: 'I consent to the digital documents service releasing my document to the provider.',
  },
};
