import { useEffect, useState } from 'preact/hooks';
import {
  CHECK_PARTNER_POLICY,
  PARTNER_POLICY,
  type PartnerPolicy,
  type PolicyProblem,
  SET_PARTNER_POLICY,
} from '../../api/admin-operations';
import { ErrorMessage, Loading, ViewHeading } from '../../components/common';
import { Partner } from '../../components/partner';
import { useQuery } from '../../components/use-query';
import { useI18n } from '../../i18n/i18n';
import { goWith } from '../../route';
import { useSession } from '../../session';
import { InboundPart, OutboundPart } from './policy-form-parts';
import { type PolicyForm as Form, policyFormOf, policyInputOf, rowOfProblem } from './policy-model';

/** Publishing a new version: the latest one to start from, checked by the node as it is edited. */
export function PolicyForm({ partnerId }: { partnerId: string }) {
  const latest = useQuery<{ partnerPolicy: PartnerPolicy }>(PARTNER_POLICY, { partnerId, version: null });
  const { t } = useI18n();
  if (latest.error) return <ErrorMessage error={latest.error} />;
  if (!latest.data) return <Loading />;
  return (
    <section>
      <ViewHeading>
        {t('policy.publishFor')} <Partner id={partnerId} />
      </ViewHeading>
      <p class="muted">{t('policy.publishIntro', { version: latest.data.partnerPolicy.policyVersion })}</p>
      <PolicyEditor partnerId={partnerId} latest={latest.data.partnerPolicy} />
    </section>
  );
}

function PolicyEditor({ partnerId, latest }: { partnerId: string; latest: PartnerPolicy }) {
  const { t, problemText } = useI18n();
  const { api } = useSession();
  const [form, setForm] = useState<Form>(() => policyFormOf(latest));
  const [error, setError] = useState<unknown>();
  const input = policyInputOf(form);
  const { problems, checked } = usePolicyCheck(partnerId, input, setError);

  const out = form.outbound;
  const inb = form.inbound;
  const setOut = (patch: Partial<Form['outbound']>) => setForm({ ...form, outbound: { ...out, ...patch } });
  const setIn = (patch: Partial<Form['inbound']>) => setForm({ ...form, inbound: { ...inb, ...patch } });

  const publish = async (event: Event) => {
    event.preventDefault();
    setError(undefined);
    try {
      const { setPartnerPolicy } = await api.request<{ setPartnerPolicy: PartnerPolicy }>(SET_PARTNER_POLICY, {
        partnerId,
        policy: input,
      });
      goWith(['admin', 'policies', partnerId], {
        version: String(setPartnerPolicy.version),
        compare: String(latest.version),
      });
    } catch (failure) {
      setError(failure);
    }
  };

  return (
    <form class="card policy-form" onSubmit={publish} aria-label={t('policy.publishFor')}>
      <h2>{t('policy.outbound')}</h2>
      <label class="check">
        <input
          type="checkbox"
          checked={form.outboundOn}
          onChange={() => setForm({ ...form, outboundOn: !form.outboundOn })}
        />
        {t('policy.shareWithPartner')}
      </label>
      {form.outboundOn ? (
        <OutboundPart partnerId={partnerId} out={out} setOut={setOut} problems={problems} />
      ) : (
        <p class="muted">{t('policy.nothingShared')}</p>
      )}

      <h2>{t('policy.inbound')}</h2>
      <label class="check">
        <input
          type="checkbox"
          checked={form.inboundOn}
          onChange={() => setForm({ ...form, inboundOn: !form.inboundOn })}
        />
        {t('policy.acceptFromPartner')}
      </label>
      {form.inboundOn ? (
        <InboundPart inb={inb} setIn={setIn} problems={problems} />
      ) : (
        <p class="muted">{t('policy.nothingAccepted')}</p>
      )}
      {problems
        .filter((p) => rowOfProblem(p.field) === 'partnerId')
        .map((p) => (
          <p key={p.field} class="field-problem">
            {problemText(p.message)}
          </p>
        ))}
      <p role="status" class={problems.length ? 'bad' : 'status'} data-testid="policy-check">
        {!checked
          ? t('policy.checking')
          : problems.length
            ? t('policy.problems', { count: problems.length })
            : t('policy.valid')}
      </p>
      <ErrorMessage error={error} />
      <button type="submit" class="primary" disabled={!checked || problems.length > 0}>
        {t('policy.publish')}
      </button>
    </form>
  );
}

/** The node checks the policy as it is edited (after a short pause), with the same rules as publishing. */
function usePolicyCheck(partnerId: string, input: Record<string, unknown>, onError: (error: unknown) => void) {
  const { api } = useSession();
  const [problems, setProblems] = useState<PolicyProblem[]>([]);
  const [checked, setChecked] = useState(false);
  const key = JSON.stringify(input);
  useEffect(() => {
    setChecked(false);
    let live = true;
    const timer = setTimeout(() => {
      api.request<{ checkPartnerPolicy: PolicyProblem[] }>(CHECK_PARTNER_POLICY, { partnerId, policy: input }).then(
        ({ checkPartnerPolicy }) => live && (setProblems(checkPartnerPolicy), setChecked(true)),
        (failure: unknown) => live && onError(failure),
      );
    }, 300);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [key]);
  return { problems, checked };
}
