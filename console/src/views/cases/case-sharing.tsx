import { useState } from 'preact/hooks';
import { PARTNERS, REQUEST_SHARE } from '../../api/operations';
import type { Case, ShareRequest } from '../../api/types';
import { PURPOSES } from '../../api/vocabulary';
import { ErrorMessage, Status } from '../../components/common';
import { Partner, usePartnerLabel } from '../../components/partner';
import { useQuery } from '../../components/use-query';
import { useI18n } from '../../i18n/i18n';
import { useSession } from '../../session';

/** The analyst asks to share the case with partners; each request then follows its course in the thread. */
export function CaseSharing({ value, onRequested }: { value: Case; onRequested: () => void }) {
  const { t, code } = useI18n();
  const { api } = useSession();
  const partnerLabel = usePartnerLabel();
  const peers = useQuery<{ peers: { id: string }[] }>(PARTNERS);
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
      const { requestShare } = await api.request<{ requestShare: ShareRequest[] }>(REQUEST_SHARE, {
        caseId: value.id,
        partnerIds: partners,
        purpose,
        note: note || null,
      });
      setStatus(requestShare.map((s) => `${partnerLabel(s.partnerId)}: ${code(s.status)}`).join('; '));
      setPartners([]);
      setNote('');
      onRequested();
    } catch (failure) {
      setError(failure);
    }
  };

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
                onChange={() =>
                  setPartners((list) => (list.includes(p.id) ? list.filter((x) => x !== p.id) : [...list, p.id]))
                }
              />
              <Partner id={p.id} />
            </label>
          ))}
        </fieldset>
        <div class="grid-2">
          <label>
            {t('share.purpose')}
            <select value={purpose} onChange={(e) => setPurpose(e.currentTarget.value)}>
              {PURPOSES.map((p) => (
                <option key={p} value={p}>
                  {code(p)}
                </option>
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
    </section>
  );
}
