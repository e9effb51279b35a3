import { useState } from 'preact/hooks';
import { type Case, PEER_IDS, PURPOSES, REQUEST_SHARE, SHARE_REQUESTS, type ShareRequest } from '../api/operations';
import { Badge, ErrorMessage, Status, When } from '../components/common';
import { useQuery } from '../components/use-query';
import { useI18n } from '../i18n/i18n';
import { useSession } from '../session';

/** The analyst's side of a share: ask for it per partner, and follow each request to its outcome. */
export function CaseSharing({ value }: { value: Case }) {
  const { t, code } = useI18n();
  const { api } = useSession();
  const peers = useQuery<{ peers: { id: string }[] }>(PEER_IDS);
  const shares = useQuery<{ shareRequests: ShareRequest[] }>(SHARE_REQUESTS, {});
  const [partners, setPartners] = useState<string[]>([]);
  const [purpose, setPurpose] = useState('INVESTIGATION');
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>();
  const [status, setStatus] = useState('');

  const request = async (event: Event) => {
    event.preventDefault();
    setError(undefined);
    if (partners.length === 0) return setError(new Error(t('share.choosePartner')));
    try {
      const { requestShare } = await api.request<{ requestShare: ShareRequest[] }>(REQUEST_SHARE, { caseId: value.id, partnerIds: partners, purpose, note: note || null });
      setStatus(requestShare.map((s) => `${s.partnerId}: ${code(s.status)}`).join('; '));
      setPartners([]);
      setNote('');
      shares.reload();
    } catch (failure) {
      setError(failure);
    }
  };

  const mine = (shares.data?.shareRequests ?? []).filter((s) => s.caseId === value.id);
  return (
    <section class="card" aria-labelledby="share-title">
      <h2 id="share-title">{t('share.title')}</h2>
      <form onSubmit={request}>
        <fieldset>
          <legend>{t('share.partners')}</legend>
          {(peers.data?.peers ?? []).map((p) => (
            <label class="check" key={p.id}>
              <input
                type="checkbox"
                name="partner"
                value={p.id}
                checked={partners.includes(p.id)}
                onChange={() => setPartners((list) => (list.includes(p.id) ? list.filter((x) => x !== p.id) : [...list, p.id]))}
              />
              {p.id}
            </label>
          ))}
        </fieldset>
        <div class="grid-2">
          <label>
            {t('share.purpose')}
            <select value={purpose} onChange={(e) => setPurpose(e.currentTarget.value)}>
              {PURPOSES.map((p) => (
                <option key={p} value={p}>{code(p)}</option>
              ))}
            </select>
          </label>
          <label>
            {t('share.note')}
            <input value={note} onInput={(e) => setNote(e.currentTarget.value)} />
          </label>
        </div>
        <ErrorMessage error={error ?? peers.error} />
        <Status text={status} />
        <button type="submit" class="primary">
          {t('share.request')}
        </button>
      </form>

      <h3>{t('share.history')}</h3>
      {mine.length === 0 ? (
        <p class="muted">{t('share.noneYet')}</p>
      ) : (
        <table data-testid="case-shares">
          <thead>
            <tr>
              <th scope="col">{t('share.partner')}</th>
              <th scope="col">{t('share.status')}</th>
              <th scope="col">{t('share.requested')}</th>
              <th scope="col">{t('share.decidedBy')}</th>
              <th scope="col">{t('share.comment')}</th>
              <th scope="col">{t('share.policy')}</th>
            </tr>
          </thead>
          <tbody>
            {mine.map((s) => (
              <tr key={s.id}>
                <td>{s.partnerId}</td>
                <td>
                  <Badge code={s.status} />
                </td>
                <td>
                  <When at={s.requestedAt} />
                </td>
                <td>{s.decidedBy ?? '—'}</td>
                <td class="comment">{s.decisionComment ?? (s.status === 'DENIED_BY_POLICY' ? s.policyReasons.join('; ') : '—')}</td>
                <td>{s.policyVersion ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <button type="button" onClick={shares.reload}>
        {t('common.refresh')}
      </button>
    </section>
  );
}
