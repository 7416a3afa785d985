import { indexVocabulary, type VocabularyIndex } from '../domain/regulation/vocabulary-index.js';
import { regulationsDirectory } from '../storage/regulation-files.js';
import { loadVocabulary } from '../storage/vocabulary-files.js';
import { UsageError } from './command.js';

/**
 * The vocabulary of the installation's regulations folder (`REGULATIONS_DIR`, else the
 * project's regulations/); a usage error pointing to `regulations check` when it has errors.
 */
export function vocabularyOf(directory = process.env.REGULATIONS_DIR): VocabularyIndex {
  const loaded = loadVocabulary(directory ?? regulationsDirectory);
  if (!loaded.ok) {
    throw new UsageError('the vocabulary has errors: npx qyzmet regulations check');
  }
  return indexVocabulary(loaded.vocabulary);
}
