import { LANGUAGES, type Lang, useI18n } from '../i18n/i18n';

/** Switches the language at once, without a reload; <html lang> follows (see App). */
export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <label class="lang">
      <span>{t('app.language')}</span>
      <select value={lang} onChange={(e) => setLang(e.currentTarget.value as Lang)}>
        {LANGUAGES.map((l) => (
          <option value={l.lang} lang={l.lang} key={l.lang}>
            {l.name}
          </option>
        ))}
      </select>
    </label>
  );
}
