import { useState } from 'preact/hooks';
import {
  EXCHANGE_PEERS,
  FREEZABLE_TYPES,
  FREEZE_ACTIONS,
  type FreezeRequest,
  LEGAL_INSTRUMENT_TYPES,
  REQUEST_FREEZE,
  URGENCY_CLASSES,
} from '../../api/exchange-operations';
import type { Case } from '../../api/operations';
import { ErrorMessage, Status } from '../../components/common';
import { useQuery } from '../../components/use-query';
import { useI18n } from '../../i18n/i18n';
import { useSession } from '../../session';
import { Partner } from '../../components/partner';

/** An analyst's request to exchanges on a case: one copy per exchange, approved by a liaison officer. */
export function CaseFreezeForm({ value, onRequested }: { value: Case; onRequested: () => void }) {
  const { t, code } = useI18n();
  const { api } = useSession();
  const peers = useQuery<{ peers: { id: string; kind: string }[] }>(EXCHANGE_PEERS);
  const exchanges = (peers.data?.peers ?? []).filter((p) => p.kind === 'exchange').map((p) => p.id);
  const wallets = value.identifiers
    .filter((i) => FREEZABLE_TYPES.includes(i.type))
    .map((i) => ({ key: i.id ?? i.value, type: i.type, value: i.value }));
  const [chosen, setChosen] = useState<string[]>([]);
  const [targets, setTargets] = useState<string[]>([]);
  const [form, setForm] = useState({
    action: 'FREEZE',
    urgency: 'URGENT',
    instrumentType: 'SEIZURE_WARRANT',
    reference: '',
    issuingAuthority: '',
    orderAttachmentId: value.attachments[0]?.id ?? '',
    durationDays: '90',
    noTippingOff: true,
    note: '',
  });
  const [error, setError] = useState<unknown>();
  const [status, setStatus] = useState('');
  const toggle = (list: string[], id: string) => (list.includes(id) ? list.filter((x) => x !== id) : [...list, id]);
  const set = (key: keyof typeof form, next: string | boolean) => setForm((f) => ({ ...f, [key]: next }));

  const submit = async (event: Event) => {
    event.preventDefault();
    setError(undefined);
    if (chosen.length === 0 || targets.length === 0) return setError(new Error(t('exchange.chooseExchangeAndTarget')));
    try {
      const { requestFreeze } = await api.request<{ requestFreeze: FreezeRequest }>(REQUEST_FREEZE, {
        input: {
          caseId: value.id,
          exchangeIds: chosen,
          action: form.action,
          urgency: form.urgency,
          noTippingOff: form.noTippingOff,
          durationDays: form.action === 'FREEZE' && form.durationDays ? Number(form.durationDays) : null,
          note: form.note || null,
          legalBasis: {
            instrumentType: form.instrumentType,
            reference: form.reference,
            issuingAuthority: form.issuingAuthority,
            orderAttachmentId: form.orderAttachmentId,
          },
          targets: wallets
            .filter((w) => targets.includes(w.key))
            .map((w) => ({ identifierType: w.type, value: w.value })),
        },
      });
      setStatus(t('exchange.requested', { reference: requestFreeze.reference }));
      setChosen([]);
      setTargets([]);
      onRequested();
    } catch (failure) {
      setError(failure);
    }
  };

  const choice = (label: string, key: 'action' | 'urgency' | 'instrumentType', options: readonly string[]) => (
    <label>
      {label}
      <select value={form[key]} onChange={(e) => set(key, e.currentTarget.value)}>
        {options.map((option) => (
          <option key={option} value={option}>
            {code(option)}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <form onSubmit={submit} aria-labelledby="freeze-form-title">
      <h3 id="freeze-form-title">{t('exchange.new')}</h3>
      <fieldset>
        <legend>{t('exchange.exchanges')}</legend>
        {exchanges.map((id) => (
          <label class="check" key={id}>
            <input type="checkbox" checked={chosen.includes(id)} onChange={() => setChosen((l) => toggle(l, id))} />
            <Partner id={id} />
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('exchange.targets')}</legend>
        {wallets.length === 0 ? <p class="muted">{t('exchange.noTargets')}</p> : null}
        {wallets.map((w) => (
          <label class="check" key={w.key}>
            <input
              type="checkbox"
              checked={targets.includes(w.key)}
              onChange={() => setTargets((l) => toggle(l, w.key))}
            />
            <code>{w.value}</code>
          </label>
        ))}
      </fieldset>
      <div class="grid-2">
        {choice(t('compliance.action'), 'action', FREEZE_ACTIONS)}
        {choice(t('compliance.urgency'), 'urgency', URGENCY_CLASSES)}
        {choice(t('exchange.instrument'), 'instrumentType', LEGAL_INSTRUMENT_TYPES)}
        <label>
          {t('exchange.orderReference')}
          <input value={form.reference} onInput={(e) => set('reference', e.currentTarget.value)} />
        </label>
        <label>
          {t('exchange.authority')}
          <input value={form.issuingAuthority} onInput={(e) => set('issuingAuthority', e.currentTarget.value)} />
        </label>
        <label>
          {t('exchange.order')}
          <select value={form.orderAttachmentId} onChange={(e) => set('orderAttachmentId', e.currentTarget.value)}>
            {value.attachments.length === 0 ? <option value="">{t('exchange.chooseOrder')}</option> : null}
            {value.attachments.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </label>
        {form.action === 'FREEZE' ? (
          <label>
            {t('exchange.durationDays')}
            <input
              type="number"
              min={1}
              value={form.durationDays}
              onInput={(e) => set('durationDays', e.currentTarget.value)}
            />
          </label>
        ) : null}
        <label class="check">
          <input
            type="checkbox"
            checked={form.noTippingOff}
            onChange={(e) => set('noTippingOff', e.currentTarget.checked)}
          />
          {t('exchange.noTippingOff')}
        </label>
      </div>
      <label>
        {t('exchange.note')}
        <input value={form.note} onInput={(e) => set('note', e.currentTarget.value)} />
      </label>
      <ErrorMessage error={error ?? peers.error} />
      <Status text={status} />
      <button type="submit" class="primary">
        {t('exchange.send')}
      </button>
    </form>
  );
}
