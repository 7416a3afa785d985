/** The languages of the user interface: Kazakh and Russian are official; English for developers. */
export const Locale = { kk: 'kk', ru: 'ru', en: 'en' } as const;
export type Locale = (typeof Locale)[keyof typeof Locale];
export const locales: readonly Locale[] = [Locale.kk, Locale.ru, Locale.en];

/** A text in every interface language. */
export type LocalizedText = Readonly<Record<Locale, string>>;

/**
 * Picks the best supported locale from an Accept-Language header value;
 * Kazakh, the state language, when nothing matches.
 */
export function negotiateLocale(acceptLanguage: string | undefined | null): Locale {
  if (!acceptLanguage) return Locale.kk;
  const ranked = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag = '', ...parameters] = part.trim().split(';');
      const quality = parameters
        .map((p) => p.trim())
        .find((p) => p.startsWith('q='))
        ?.slice(2);
      return {
        language: tag.toLowerCase().split('-')[0] ?? '',
        quality: quality ? Number(quality) : 1,
      };
    })
    .filter((entry) => entry.language && !Number.isNaN(entry.quality))
    .sort((a, b) => b.quality - a.quality);
  for (const { language } of ranked) {
    if ((locales as readonly string[]).includes(language)) return language as Locale;
  }
  return Locale.kk;
}
