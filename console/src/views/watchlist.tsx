import { useState } from 'preact/hooks';
import { WATCHLIST } from '../api/operations';
import type { WatchlistEntry } from '../api/types';
import { IDENTIFIER_TYPES } from '../api/vocabulary';
import { Badge, ErrorMessage, Loading, ViewHeading, When } from '../components/common';
import { Partner } from '../components/partner';
import { useQuery } from '../components/use-query';
import { useI18n } from '../i18n/i18n';
import { goWith } from '../route';

/** The watchlist this node holds (ours and partners'), searched by identifier; ?entry= marks one entry (alerts link here). */
export function WatchlistView({ query }: { query: URLSearchParams }) {
  const { t, code } = useI18n();
  const type = query.get('type') ?? '';
  const value = query.get('value') ?? '';
  const origin = query.get('origin') ?? '';
  const marked = query.get('entry');
  const [draft, setDraft] = useState({ type, value, origin });
  const filter: Record<string, unknown> = { includeRevoked: true, includeExpired: true };
  if (type) filter.identifierType = type;
  if (value && type) filter.value = value;
  if (origin) filter.origin = origin;
  const list = useQuery<{ watchlist: { entries: WatchlistEntry[] } }>(WATCHLIST, { filter });
  const entries = (list.data?.watchlist.entries ?? []).filter((e) => !value || type || e.value.includes(value));
  return (
    <section>
      <ViewHeading>{t('watchlist.title')}</ViewHeading>
      <form
        class="card filters"
        onSubmit={(e) => (e.preventDefault(), goWith(['watchlist'], { ...draft, entry: undefined }))}
      >
        <label>
          {t('screening.type')}
          <select value={draft.type} onChange={(e) => setDraft({ ...draft, type: e.currentTarget.value })}>
            <option value="">—</option>
            {IDENTIFIER_TYPES.map((x) => (
              <option key={x} value={x}>
                {code(x)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('alerts.identifier')}
          <input value={draft.value} onInput={(e) => setDraft({ ...draft, value: e.currentTarget.value })} />
        </label>
        <label>
          {t('inbound.origin')}
          <input value={draft.origin} onInput={(e) => setDraft({ ...draft, origin: e.currentTarget.value })} />
        </label>
        <button type="submit" class="primary">
          {t('audit.filter')}
        </button>
      </form>
      <ErrorMessage error={list.error} />
      {!list.data ? (
        <Loading />
      ) : entries.length === 0 ? (
        <p>{t('watchlist.none')}</p>
      ) : (
        <WatchlistTable entries={entries} marked={marked} />
      )}
    </section>
  );
}

function WatchlistTable({ entries, marked }: { entries: WatchlistEntry[]; marked: string | null }) {
  const { t, code } = useI18n();
  return (
    <table class="list" data-testid="watchlist">
      <thead>
        <tr>
          <th scope="col">{t('alerts.identifier')}</th>
          <th scope="col">{t('watchlist.reason')}</th>
          <th scope="col">{t('inbound.origin')}</th>
          <th scope="col">{t('watchlist.validUntil')}</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => (
          <tr
            key={`${e.origin}/${e.entryId}`}
            class={marked === e.entryId ? 'selected' : ''}
            aria-current={marked === e.entryId ? 'true' : undefined}
            data-entry={e.entryId}
          >
            <td>
              <span class="muted small">{code(e.identifierType)}</span>
              <div>
                <code class="wrap">{e.value}</code>
              </div>
            </td>
            <td>
              <div class="prose">{e.reason}</div>
              <span class="small">
                {code(e.offenceCategory)} · <Badge code={e.severity} />
                {e.caseReference ? ` · ${e.caseReference}` : ''}
              </span>
            </td>
            <td>
              <Partner id={e.origin} />
              {e.receivedFrom && e.receivedFrom !== e.origin ? (
                <div class="muted small">
                  {t('inbound.via')} <Partner id={e.receivedFrom} />
                </div>
              ) : null}
            </td>
            <td>
              <When at={e.validUntil} />
              {e.revoked ? <Badge code="REVOKED" /> : e.expired ? <Badge code="EXPIRED" /> : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
