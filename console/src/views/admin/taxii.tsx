import { useState } from 'preact/hooks';
import {
  DISABLE_TAXII_ACCOUNT,
  ISSUE_TAXII_ACCOUNT,
  TAXII_ACCOUNTS,
  type TaxiiAccount,
} from '../../api/admin-operations';
import { PARTNERS } from '../../api/operations';
import { ErrorMessage, Loading, Status, ViewHeading, When } from '../../components/common';
import { Partner, usePartnerLabel } from '../../components/partner';
import { useQuery } from '../../components/use-query';
import { useI18n } from '../../i18n/i18n';
import { routeHref } from '../../route';
import { useSession } from '../../session';

interface Credentials {
  username: string;
  password: string;
  collectionId: string;
}

/**
 * The machine accounts partners' MISP or OpenCTI use to pull their watchlist feed over TAXII 2.1: one
 * per partner, its secret shown once when issued. Issuing and disabling are on the audit trail.
 */
export function TaxiiView() {
  const { t } = useI18n();
  const { api } = useSession();
  const partnerLabel = usePartnerLabel();
  const accounts = useQuery<{ taxiiAccounts: TaxiiAccount[] }>(TAXII_ACCOUNTS);
  const peers = useQuery<{ peers: { id: string }[] }>(PARTNERS);
  const [issued, setIssued] = useState<Credentials>();
  const [error, setError] = useState<unknown>();
  const [status, setStatus] = useState('');
  const byPartner = new Map((accounts.data?.taxiiAccounts ?? []).map((a) => [a.partnerId, a]));

  const issue = async (partnerId: string) => {
    setError(undefined);
    setStatus('');
    try {
      const { issueTaxiiAccount } = await api.request<{ issueTaxiiAccount: Credentials }>(ISSUE_TAXII_ACCOUNT, {
        partnerId,
      });
      setIssued(issueTaxiiAccount);
      accounts.reload();
    } catch (failure) {
      setError(failure);
    }
  };
  const disable = async (partnerId: string) => {
    setError(undefined);
    setIssued(undefined);
    try {
      await api.request(DISABLE_TAXII_ACCOUNT, { partnerId });
      setStatus(t('taxii.disabledMsg', { partner: partnerLabel(partnerId) }));
      accounts.reload();
    } catch (failure) {
      setError(failure);
    }
  };

  return (
    <section>
      <ViewHeading>{t('admin.taxii')}</ViewHeading>
      <p class="muted">{t('taxii.intro')}</p>
      <ErrorMessage error={error ?? accounts.error ?? peers.error} />
      <Status text={status} />
      {issued ? <IssuedCredentials issued={issued} /> : null}
      {!accounts.data || !peers.data ? (
        <Loading />
      ) : (
        <table class="list" data-testid="taxii-accounts">
          <thead>
            <tr>
              <th scope="col">{t('share.partner')}</th>
              <th scope="col">{t('share.status')}</th>
              <th scope="col">{t('taxii.issuedBy')}</th>
              <th scope="col">
                <span class="sr-only">{t('policy.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {peers.data.peers.map(({ id }) => (
              <TaxiiRow
                key={id}
                partnerId={id}
                account={byPartner.get(id)}
                onIssue={() => void issue(id)}
                onDisable={() => void disable(id)}
              />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function IssuedCredentials({ issued }: { issued: Credentials }) {
  const { t } = useI18n();
  const partnerLabel = usePartnerLabel();
  return (
    <div class="warning" role="alert" data-testid="taxii-issued">
      <p>{t('taxii.issuedOnce', { partner: partnerLabel(issued.username) })}</p>
      <dl class="meta">
        <dt>{t('login.username')}</dt>
        <dd>
          <code>{issued.username}</code>
        </dd>
        <dt>{t('login.password')}</dt>
        <dd>
          <code class="wrap" data-testid="taxii-secret">
            {issued.password}
          </code>
        </dd>
        <dt>{t('taxii.collection')}</dt>
        <dd>
          <code class="wrap">{issued.collectionId}</code>
        </dd>
      </dl>
    </div>
  );
}

function TaxiiRow({
  partnerId,
  account,
  onIssue,
  onDisable,
}: {
  partnerId: string;
  account: TaxiiAccount | undefined;
  onIssue: () => void;
  onDisable: () => void;
}) {
  const { t } = useI18n();
  const { has } = useSession();
  const active = account && !account.disabledAt;
  return (
    <tr data-partner={partnerId}>
      <td>
        <Partner id={partnerId} />
      </td>
      <td>
        {!account ? (
          <span class="muted">{t('taxii.none')}</span>
        ) : active ? (
          <span class="badge badge-approved">{t('admin.active')}</span>
        ) : (
          <span class="badge badge-rejected">
            {t('admin.disabled')} <When at={account.disabledAt} />
          </span>
        )}
      </td>
      <td>
        {account ? (
          <>
            {account.createdBy} <When at={account.createdAt} />
          </>
        ) : (
          '—'
        )}
        {account ? (
          <div class="small">
            <a href={routeHref(['audit'], { subjectType: 'TAXII_ACCOUNT', subjectId: partnerId })}>
              {t('audit.history')}
            </a>
          </div>
        ) : null}
      </td>
      <td>
        {has('ADMIN') ? (
          <div class="buttons">
            <button type="button" onClick={onIssue}>
              {account ? t('taxii.reissue', { partner: partnerId }) : t('taxii.issue', { partner: partnerId })}
            </button>
            {active ? (
              <button type="button" class="danger" onClick={onDisable}>
                {t('taxii.disable', { partner: partnerId })}
              </button>
            ) : null}
          </div>
        ) : null}
      </td>
    </tr>
  );
}
