// The six official languages of the United Nations, in the order the Organization's documents list them (the order
// of their English names: Arabic, Chinese, English, French, Russian, Spanish). Documents are written and published
// in them; a page declares one of them as its language and writes in its direction.
export const OFFICIAL_LANGUAGES = ['ar', 'zh', 'en', 'fr', 'ru', 'es'] as const;
export type OfficialLanguage = (typeof OFFICIAL_LANGUAGES)[number];

/** English names of the official languages, as in "Original: English". */
export const LANGUAGE_NAMES: Record<OfficialLanguage, string> = {
  ar: 'Arabic',
  zh: 'Chinese',
  en: 'English',
  fr: 'French',
  ru: 'Russian',
  es: 'Spanish',
};

/** The direction each language is written in: Arabic right to left, the others left to right. */
export const TEXT_DIRECTIONS: Record<OfficialLanguage, 'ltr' | 'rtl'> = {
  ar: 'rtl',
  zh: 'ltr',
  en: 'ltr',
  fr: 'ltr',
  ru: 'ltr',
  es: 'ltr',
};
