import { useState } from 'preact/hooks';
import { SCREEN } from '../api/operations';
import { IDENTIFIER_TYPES } from '../api/vocabulary';
import { ErrorMessage, ViewHeading } from '../components/common';
import { Partner } from '../components/partner';
import { useI18n } from '../i18n/i18n';
import { routeHref } from '../route';
import { useSession } from '../session';
import type * as Gql from '../api/schema.generated';

type ScreeningHit = Pick<
  Gql.ScreeningHit,
  | 'source'
  | 'sourceNode'
  | 'caseId'
  | 'caseReference'
  | 'receivedPacketId'
  | 'watchlistEntryId'
  | 'tlp'
  | 'severity'
  | 'offenceCategory'
>;

type ScreeningResult = Pick<
  Gql.ScreeningResult,
  'value' | 'valid' | 'reason' | 'reasonCode' | 'normalized' | 'type'
> & {
  hits: ScreeningHit[];
};

function hitHref(result: ScreeningResult, hit: ScreeningHit): string | undefined {
  if (hit.caseId) return routeHref(['cases', hit.caseId]);
  if (hit.receivedPacketId) return routeHref(['inbound', hit.receivedPacketId]);
  if (hit.watchlistEntryId)
    return routeHref(['watchlist'], {
      type: result.type,
      value: result.normalized ?? result.value,
      origin: hit.sourceNode,
      entry: hit.watchlistEntryId,
    });
  return undefined;
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
    const identifiers = values
      .split('\n')
      .map((v) => v.trim())
      .filter(Boolean)
      .map((value) => ({ type, value }));
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
              <option key={x} value={x}>
                {code(x)}
              </option>
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
      {results ? <ScreeningResults results={results} /> : null}
    </section>
  );
}

function ScreeningResults({ results }: { results: ScreeningResult[] }) {
  const { t, code, identifierReason } = useI18n();
  return (
    <table aria-live="polite" class="list" data-testid="screening-results">
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
              <code class="wrap">{r.normalized ?? r.value}</code>
            </td>
            <td>
              {!r.valid ? (
                <span class="bad">{t('screening.invalid', { reason: identifierReason(r) })}</span>
              ) : r.hits.length === 0 ? (
                <span class="muted">{t('screening.noHit')}</span>
              ) : (
                <ul class="plain">
                  {r.hits.map((h, j) => {
                    const href = hitHref(r, h);
                    return (
                      <li key={j}>
                        {href ? <a href={href}>{code(h.source)}</a> : code(h.source)} · <Partner id={h.sourceNode} />
                        {h.caseReference ? ` · ${h.caseReference}` : ''}
                        {h.tlp ? ` · TLP ${code(h.tlp)}` : ''}
                        {h.severity ? ` · ${code(h.severity)}` : ''}
                      </li>
                    );
                  })}
                </ul>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
