import { useEffect, useMemo, useState } from 'preact/hooks';
import { ApiError } from '../../api/client';
import { AUDIT_EVENT_TYPES, AUDIT_LOG, type AuditEntry, VERIFY_AUDIT_CHAIN } from '../../api/admin-operations';
import { type AuditNamesAnswer, auditNamesQuery } from '../../api/audit-operations';
import { ErrorMessage, Loading, Status, ViewHeading } from '../../components/common';
import { useQuery } from '../../components/use-query';
import { useI18n } from '../../i18n/i18n';
import { goWith } from '../../route';
import { useSession } from '../../session';
import { AuditEntryRow, SUBJECT_TYPES } from './audit-entry';
import { AuditNames, AuditNamesContext } from './audit-names';
import './audit.css';

interface AuditVerification {
  valid: boolean;
  entries: number;
  checkpoints: number;
  uncheckpointed: number;
  firstBreakSeq: string | null;
  problem: string | null;
}

interface AuditPage {
  entries: AuditEntry[];
  endCursor: string | null;
  hasMore: boolean;
}

/** A node without the audit trail answers a validation error naming the unknown field or type. */
export function isMissingOperation(error: unknown, name: string): boolean {
  return (
    error instanceof ApiError &&
    error.code === 'BAD_USER_INPUT' &&
    new RegExp(`(field|type) "?${name}`, 'i').test(error.message)
  );
}

const FILTER_KEYS = ['type', 'actor', 'subjectType', 'subjectId', 'from', 'to'] as const;
type Filter = Record<(typeof FILTER_KEYS)[number], string>;

function filterOf(query: URLSearchParams): Filter {
  return Object.fromEntries(FILTER_KEYS.map((k) => [k, query.get(k) ?? ''])) as Filter;
}

function apiFilter(filter: Filter): Record<string, unknown> {
  const active: Record<string, unknown> = {};
  if (filter.actor.trim()) active.actor = filter.actor.trim();
  if (filter.type) active.types = [filter.type];
  if (filter.subjectType) active.subjectType = filter.subjectType;
  if (filter.subjectId.trim()) active.subjectId = filter.subjectId.trim();
  if (filter.from) active.from = new Date(`${filter.from}Z`).toISOString();
  if (filter.to) active.to = new Date(`${filter.to}Z`).toISOString();
  return active;
}

/** The audit trail, readable: filters live in the URL (#/audit?type=…), entries are labelled and linked. */
export function AuditView({ query }: { query: URLSearchParams }) {
  const { t } = useI18n();
  const { api, has } = useSession();
  const applied = filterOf(query);
  const key = query.toString();
  // The cases, packets, shares and accounts the entries name: one request for the page, read by every row.
  const namesQuery = useMemo(() => auditNamesQuery(has), [has]);
  const named = useQuery<AuditNamesAnswer>(namesQuery ?? '', {}, Boolean(namesQuery), key);
  const names = useMemo(() => new AuditNames(named.data ?? {}, has), [named.data, has]);
  const [draft, setDraft] = useState<Filter>(applied);
  const [available, setAvailable] = useState<boolean>();
  const [page, setPage] = useState<AuditPage>();
  const [error, setError] = useState<unknown>();
  const [status, setStatus] = useState('');

  const load = async (after?: string) => {
    setError(undefined);
    try {
      const { auditLog } = await api.request<{ auditLog: AuditPage }>(AUDIT_LOG, {
        filter: apiFilter(applied),
        first: 50,
        after: after ?? null,
      });
      setAvailable(true);
      setPage((previous) =>
        after && previous ? { ...auditLog, entries: [...previous.entries, ...auditLog.entries] } : auditLog,
      );
    } catch (failure) {
      if (isMissingOperation(failure, 'auditLog') || isMissingOperation(failure, 'AuditLogFilter')) setAvailable(false);
      else setError(failure);
    }
  };
  useEffect(() => {
    setDraft(filterOf(query));
    setPage(undefined);
    void load();
  }, [key]);

  const verify = async () => {
    setStatus(t('audit.verifying'));
    try {
      const { verifyAuditChain: r } = await api.request<{ verifyAuditChain: AuditVerification }>(VERIFY_AUDIT_CHAIN);
      setStatus(
        r.valid
          ? t('audit.chainOk', { count: r.entries })
          : t('audit.chainBroken', { seq: r.firstBreakSeq ?? '?', message: r.problem ?? '' }),
      );
    } catch (failure) {
      setStatus('');
      setError(isMissingOperation(failure, 'verifyAuditChain') ? new Error(t('audit.verifyUnavailable')) : failure);
    }
  };

  if (available === false) {
    return (
      <section>
        <ViewHeading>{t('audit.title')}</ViewHeading>
        <p role="status" data-testid="audit-unavailable">
          {t('audit.unavailable')}
        </p>
      </section>
    );
  }
  return (
    <section>
      <ViewHeading>{t('audit.title')}</ViewHeading>
      <AuditFilters draft={draft} setDraft={setDraft} onVerify={() => void verify()} />
      <Status text={status} />
      <ErrorMessage error={error} />
      {!page ? (
        <Loading />
      ) : page.entries.length === 0 ? (
        <p>{t('audit.none')}</p>
      ) : (
        <AuditNamesContext.Provider value={names}>
          <ol class="audit-list" data-testid="audit-entries">
            {page.entries.map((e) => (
              <AuditEntryRow key={e.seq} entry={e} />
            ))}
          </ol>
          {page.hasMore ? (
            <button type="button" onClick={() => void load(page.endCursor ?? undefined)}>
              {t('audit.more')}
            </button>
          ) : null}
        </AuditNamesContext.Provider>
      )}
    </section>
  );
}

/** The filters, applied through the URL so that a reload or a shared link shows the same entries. */
function AuditFilters({
  draft,
  setDraft,
  onVerify,
}: {
  draft: Filter;
  setDraft: (filter: Filter) => void;
  onVerify: () => void;
}) {
  const { t, code } = useI18n();
  const set = (patch: Partial<Filter>) => setDraft({ ...draft, ...patch });
  return (
    <form class="card filters" onSubmit={(e) => (e.preventDefault(), goWith(['audit'], draft))}>
      <label>
        {t('audit.action')}
        <select value={draft.type} onChange={(e) => set({ type: e.currentTarget.value })}>
          <option value="">{t('audit.any')}</option>
          {AUDIT_EVENT_TYPES.map((type) => (
            <option key={type} value={type}>
              {code(type)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('audit.actor')}
        <input value={draft.actor} onInput={(e) => set({ actor: e.currentTarget.value })} />
      </label>
      <label>
        {t('audit.subjectType')}
        <select value={draft.subjectType} onChange={(e) => set({ subjectType: e.currentTarget.value })}>
          <option value="">{t('audit.any')}</option>
          {SUBJECT_TYPES.map((type) => (
            <option key={type} value={type}>
              {code(`SUBJECT_${type}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('audit.subjectId')}
        <input value={draft.subjectId} onInput={(e) => set({ subjectId: e.currentTarget.value })} />
      </label>
      {(['from', 'to'] as const).map((k) => (
        <label key={k}>
          {t(`audit.${k}`)}
          <input type="datetime-local" value={draft[k]} onInput={(e) => set({ [k]: e.currentTarget.value })} />
        </label>
      ))}
      <div class="buttons">
        <button type="submit" class="primary">
          {t('audit.filter')}
        </button>
        <a class="button" href="#/audit">
          {t('audit.clear')}
        </a>
        <button type="button" onClick={onVerify}>
          {t('audit.verify')}
        </button>
      </div>
    </form>
  );
}
