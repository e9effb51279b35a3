import { useState } from 'preact/hooks';
import { IDENTIFIER_TYPES, SCREEN } from '../api/operations';
import { ErrorMessage, ViewHeading } from '../components/common';
import { useI18n } from '../i18n/i18n';
import { useSession } from '../session';

interface ScreeningResult {
  value: string;
  valid: boolean;
  reason: string | null;
  normalized: string | null;
  type: string;
  hits: { source: string; sourceNode: string; caseReference: string | null; tlp: string | null; severity: string | null; offenceCategory: string | null }[];
}

export function ScreeningView() {
  const { t, code } = useI18n();
  const { api } = useSession();
  const [type, setType] = useState('WALLET_BTC');
  const [values, setValues] = useState('');
  const [results, setResults] = useState<ScreeningResult[]>();
  const [error, setError] = useState<unknown>();

  const screen = async (event: Event) => {
    event.preventDefault();
    setError(undefined);
    const identifiers = values.split('\n').map((v) => v.trim()).filter(Boolean).map((value) => ({ type, value }));
    if (!identifiers.length) return setError(new Error(t('screening.enterValues')));
    try {
      setResults((await api.request<{ screen: ScreeningResult[] }>(SCREEN, { identifiers })).screen);
    } catch (failure) {
      setError(failure);
    }
  };

  return (
    <section>
      <ViewHeading>{t('screening.title')}</ViewHeading>
      <form class="card" onSubmit={screen}>
        <label>
          {t('screening.type')}
          <select value={type} onChange={(e) => setType(e.currentTarget.value)}>
            {IDENTIFIER_TYPES.map((x) => (
              <option key={x} value={x}>{code(x)}</option>
            ))}
          </select>
        </label>
        <label>
          {t('screening.values')}
          <textarea rows={4} value={values} onInput={(e) => setValues(e.currentTarget.value)} />
        </label>
        <ErrorMessage error={error} />
        <button type="submit" class="primary">
          {t('screening.run')}
        </button>
      </form>
      {results ? (
        <table aria-live="polite">
          <caption>{t('screening.results', { count: results.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('screening.value')}</th>
              <th scope="col">{t('screening.hits')}</th>
            </tr>
          </thead>
          <tbody>
            {results.map((r, i) => (
              <tr key={i}>
                <td>
                  <code>{r.normalized ?? r.value}</code>
                </td>
                <td>
                  {!r.valid ? (
                    <span class="bad">{t('screening.invalid', { reason: r.reason ?? '' })}</span>
                  ) : r.hits.length === 0 ? (
                    <span class="muted">{t('screening.noHit')}</span>
                  ) : (
                    <ul class="plain">
                      {r.hits.map((h, j) => (
                        <li key={j}>
                          {code(h.source)} · {h.sourceNode}
                          {h.caseReference ? ` · ${h.caseReference}` : ''}
                          {h.tlp ? ` · TLP ${code(h.tlp)}` : ''}
                          {h.severity ? ` · ${code(h.severity)}` : ''}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
