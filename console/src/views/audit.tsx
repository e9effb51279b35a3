import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api/client';
import { AUDIT_EVENT_TYPES, AUDIT_LOG, VERIFY_AUDIT_CHAIN } from '../api/operations';
import { ErrorMessage, Loading, Status, ViewHeading, When } from '../components/common';
import { useI18n } from '../i18n/i18n';
import { useSession } from '../session';

interface AuditEntry {
  seq: string;
  occurredAt: string;
  type: string;
  actor: string | null;
  subjectType: string | null;
  subjectId: string | null;
  details: unknown;
}

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
  return error instanceof ApiError && error.code === 'BAD_USER_INPUT' && new RegExp(`(field|type) "?${name}`, 'i').test(error.message);
}

export function AuditView() {
  const { t } = useI18n();
  const { api } = useSession();
  const [available, setAvailable] = useState<boolean>();
  const [filter, setFilter] = useState({ actor: '', action: '', from: '', to: '' });
  const [page, setPage] = useState<AuditPage>();
  const [error, setError] = useState<unknown>();
  const [status, setStatus] = useState('');

  const load = async (after?: string) => {
    setError(undefined);
    const active: Record<string, unknown> = {};
    if (filter.actor.trim()) active.actor = filter.actor.trim();
    if (filter.action) active.types = [filter.action];
    if (filter.from) active.from = new Date(filter.from).toISOString();
    if (filter.to) active.to = new Date(filter.to).toISOString();
    try {
      const { auditLog } = await api.request<{ auditLog: AuditPage }>(AUDIT_LOG, { filter: active, first: 50, after: after ?? null });
      setAvailable(true);
      setPage(after && page ? { ...auditLog, entries: [...page.entries, ...auditLog.entries] } : auditLog);
    } catch (failure) {
      if (isMissingOperation(failure, 'auditLog') || isMissingOperation(failure, 'AuditLogFilter')) setAvailable(false);
      else setError(failure);
    }
  };
  useEffect(() => void load(), []);

  const verify = async () => {
    setStatus(t('audit.verifying'));
    try {
      const { verifyAuditChain: r } = await api.request<{ verifyAuditChain: AuditVerification }>(VERIFY_AUDIT_CHAIN);
      setStatus(r.valid ? t('audit.chainOk', { count: r.entries }) : t('audit.chainBroken', { seq: r.firstBreakSeq ?? '?', message: r.problem ?? '' }));
    } catch (failure) {
      setStatus('');
      setError(isMissingOperation(failure, 'verifyAuditChain') ? new Error(t('audit.verifyUnavailable')) : failure);
    }
  };

  if (available === false) {
    return (
      <section>
        <ViewHeading>{t('audit.title')}</ViewHeading>
        <p role="status" data-testid="audit-unavailable">{t('audit.unavailable')}</p>
      </section>
    );
  }
  return (
    <section>
      <ViewHeading>{t('audit.title')}</ViewHeading>
      <form class="card grid-filter" onSubmit={(e) => (e.preventDefault(), void load())}>
        <label>
          {t('audit.actor')}
          <input value={filter.actor} onInput={(e) => setFilter({ ...filter, actor: e.currentTarget.value })} />
        </label>
        <label>
          {t('audit.action')}
          <select value={filter.action} onChange={(e) => setFilter({ ...filter, action: e.currentTarget.value })}>
            <option value="">—</option>
            {AUDIT_EVENT_TYPES.map((type) => (
              <option key={type} value={type}>{type}</option>
            ))}
          </select>
        </label>
        {(['from', 'to'] as const).map((k) => (
          <label key={k}>
            {t(`audit.${k}`)}
            <input type="datetime-local" value={filter[k]} onInput={(e) => setFilter({ ...filter, [k]: e.currentTarget.value })} />
          </label>
        ))}
        <button type="submit" class="primary">{t('audit.filter')}</button>
        <button type="button" onClick={() => void verify()}>{t('audit.verify')}</button>
      </form>
      <Status text={status} />
      <ErrorMessage error={error} />
      {!page ? (
        <Loading />
      ) : (
        <>
          <table>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t('audit.at')}</th>
                <th scope="col">{t('audit.actor')}</th>
                <th scope="col">{t('audit.action')}</th>
                <th scope="col">{t('audit.subject')}</th>
                <th scope="col">{t('audit.detail')}</th>
              </tr>
            </thead>
            <tbody>
              {page.entries.map((e) => (
                <tr key={e.seq}>
                  <td>{e.seq}</td>
                  <td><When at={e.occurredAt} /></td>
                  <td>{e.actor ?? '—'}</td>
                  <td>{e.type}</td>
                  <td>{e.subjectType ? `${e.subjectType} ${e.subjectId ?? ''}` : '—'}</td>
                  <td><code class="detail">{JSON.stringify(e.details)}</code></td>
                </tr>
              ))}
            </tbody>
          </table>
          {page.hasMore ? (
            <button type="button" onClick={() => void load(page.endCursor ?? undefined)}>{t('audit.more')}</button>
          ) : null}
        </>
      )}
    </section>
  );
}
