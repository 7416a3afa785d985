/** Kinds of organisation the platform knows: providers, front offices and the authorities above them. */
export const OrganisationKind = {
  /** акимат области — regional akimat, issuer of regulations */
  regionAkimat: 'region_akimat',
  /** акимат района/города */
  districtAkimat: 'district_akimat',
  /** управление образования области */
  regionalEducationDepartment: 'regional_education_department',
  /** отдел образования района/города */
  districtEducationDepartment: 'district_education_department',
  /** организация образования (школа) */
  school: 'school',
  /** государственный архив (областной, городской, районный) */
  archive: 'archive',
  /** отдел занятости и социальных программ */
  employmentDepartment: 'employment_department',
  /** филиал / отдел Государственной корпорации «Правительство для граждан» (ЦОН) */
  frontOffice: 'front_office',
} as const;
export type OrganisationKind = (typeof OrganisationKind)[keyof typeof OrganisationKind];
export const organisationKinds = Object.values(OrganisationKind);
