import type { VocabularyIndex } from '../../domain/regulation/vocabulary-index.js';
import type { LocalizedText } from '../../domain/shared/locale.js';

/** Shown for a code the vocabulary does not declare (never the code itself). */
const undeclared: LocalizedText = { kk: '—', ru: '—', en: '—' };

/** The name of a region code in either spelling (`north_region` / `north-region`). */
export function regionName(vocabulary: VocabularyIndex, code: string): LocalizedText {
  return vocabulary.findRegion(code)?.name ?? undeclared;
}

/** The name of a kind of organisation (`district_akimat`, `front_office`, …). */
export function providerKindName(vocabulary: VocabularyIndex, kind: string): LocalizedText {
  return vocabulary.findProviderKind(kind)?.name ?? undeclared;
}

/** The name of a service of the catalogue. */
export function serviceName(vocabulary: VocabularyIndex, code: string): LocalizedText {
  return vocabulary.findService(code)?.name ?? undeclared;
}
