import { Fragment } from 'preact';
import { useState } from 'preact/hooks';
import {
  type Peer,
  PEERS,
  REVOKE_CERTIFICATE,
  REVOKED_CERTIFICATES,
  type RevokedCertificate,
} from '../../api/admin-operations';
import { NODE_INFO } from '../../api/operations';
import type { NodeInfo } from '../../api/types';
import { ErrorMessage, Loading, ShortId, Status, ViewHeading, When } from '../../components/common';
import { Partner } from '../../components/partner';
import { useQuery } from '../../components/use-query';
import { useI18n } from '../../i18n/i18n';
import { useSession } from '../../session';

/** The node and its partners at a glance: identity, peers, certificates (revocable by admins), sync lag, backlog. */
export function NodePeersView() {
  const { t } = useI18n();
  const node = useQuery<{ nodeInfo: NodeInfo }>(NODE_INFO);
  const peers = useQuery<{ peers: Peer[] }>(PEERS);
  const revoked = useQuery<{ revokedCertificates: RevokedCertificate[] }>(REVOKED_CERTIFICATES);
  const reload = () => (peers.reload(), revoked.reload());
  return (
    <section>
      <div class="view-top">
        <ViewHeading>{t('admin.title')}</ViewHeading>
        <button type="button" onClick={reload}>
          {t('common.refresh')}
        </button>
      </div>
      <ErrorMessage error={node.error ?? peers.error ?? revoked.error} />
      {node.data ? (
        <dl class="meta card" data-testid="node-info">
          <dt>{t('admin.node')}</dt>
          <dd>
            {node.data.nodeInfo.name} <span class="partner-id">{node.data.nodeInfo.id}</span> (
            {node.data.nodeInfo.country}) · v{node.data.nodeInfo.version}
          </dd>
          <dt>{t('admin.certificate')}</dt>
          <dd>
            <ShortId value={node.data.nodeInfo.certificateFingerprint} length={32} /> · {t('admin.notAfter')}{' '}
            <When at={node.data.nodeInfo.certificateNotAfter} />
          </dd>
          <dt>{t('admin.keyId')}</dt>
          <dd>
            <code class="wrap">{node.data.nodeInfo.keyId}</code>
          </dd>
        </dl>
      ) : null}
      <h2>{t('admin.peers')}</h2>
      {!peers.data ? (
        <Loading />
      ) : (
        <ul class="plain peer-list" data-testid="peers">
          {peers.data.peers.map((p) => (
            <PeerCard key={p.id} peer={p} onRevoked={reload} />
          ))}
        </ul>
      )}
      <h2>{t('admin.revokedCertificates')}</h2>
      {revoked.data?.revokedCertificates.length ? (
        <ul class="plain" data-testid="revoked">
          {revoked.data.revokedCertificates.map((r) => (
            <li key={r.fingerprint}>
              <ShortId value={r.fingerprint} length={16} /> <Partner id={r.nodeId} /> —{' '}
              <span class="prose">{r.reason}</span>{' '}
              <span class="muted small">
                ({r.revokedBy}, <When at={r.revokedAt} />)
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">{t('admin.noneRevoked')}</p>
      )}
    </section>
  );
}

function PeerCard({ peer, onRevoked }: { peer: Peer; onRevoked: () => void }) {
  const { t } = useI18n();
  const sync = (direction: string) => peer.watchlistSync.find((s) => s.direction === direction);
  const lag = (seconds: number | null | undefined) =>
    seconds === null || seconds === undefined ? t('admin.never') : t('admin.secondsAgo', { s: Math.round(seconds) });
  return (
    <li class="card peer" data-peer={peer.id}>
      <h3>
        <Partner id={peer.id} />
      </h3>
      <p class="muted small wrap">{peer.url}</p>
      <dl class="meta">
        <dt>{t('admin.certificates')}</dt>
        <dd>
          {peer.certificates.length === 0 ? <span class="muted">{t('admin.noCertificate')}</span> : null}
          <ul class="plain">
            {peer.certificates.map((c) => (
              <CertificateLine key={c.fingerprint} peerId={peer.id} certificate={c} onRevoked={onRevoked} />
            ))}
          </ul>
        </dd>
        {(['PUSH', 'PULL'] as const).map((d) => (
          <Fragment key={d}>
            <dt>{d === 'PUSH' ? t('admin.push') : t('admin.pull')}</dt>
            <dd>
              {lag(sync(d)?.lagSeconds)}
              {sync(d)?.lastError ? <div class="bad small prose">{sync(d)?.lastError}</div> : null}
            </dd>
          </Fragment>
        ))}
        <dt>{t('admin.backlog')}</dt>
        <dd>
          {peer.queuedDeliveries}
          {peer.oldestQueuedAt ? (
            <span class="muted small">
              {' '}
              · {t('admin.oldest')} <When at={peer.oldestQueuedAt} />
            </span>
          ) : null}
        </dd>
      </dl>
    </li>
  );
}

function CertificateLine({
  peerId,
  certificate: c,
  onRevoked,
}: {
  peerId: string;
  certificate: Peer['certificates'][number];
  onRevoked: () => void;
}) {
  const { t } = useI18n();
  const { api, has } = useSession();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>();
  const [status, setStatus] = useState('');
  const revoke = async (event: Event) => {
    event.preventDefault();
    setError(undefined);
    try {
      await api.request(REVOKE_CERTIFICATE, { fingerprint: c.fingerprint, reason });
      setStatus(t('admin.revokedMsg'));
      setOpen(false);
      onRevoked();
    } catch (failure) {
      setError(failure);
    }
  };
  const state = c.revoked ? 'revoked' : c.supersededAt ? 'superseded' : 'current';
  return (
    <li class="certificate" data-fingerprint={c.fingerprint}>
      <ShortId value={c.fingerprint} length={16} />{' '}
      <span class={`badge badge-cert-${state}`}>{t(`admin.cert.${state}`)}</span>{' '}
      <span class="muted small">
        {t('admin.notAfter')} <When at={c.notAfter} />
      </span>{' '}
      {has('ADMIN') && !c.revoked && !open ? (
        <button type="button" class="small-button" onClick={() => setOpen(true)}>
          {t('admin.revoke')}
        </button>
      ) : null}
      {open ? (
        <form class="inline revoke-form" onSubmit={revoke}>
          <label>
            {t('admin.revokeReason', { peer: peerId })}
            <input required value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
          </label>
          <button type="submit" class="danger">
            {t('admin.revokeConfirm')}
          </button>
          <button type="button" onClick={() => setOpen(false)}>
            {t('case.cancel')}
          </button>
        </form>
      ) : null}
      <ErrorMessage error={error} />
      {status ? <Status text={status} /> : null}
    </li>
  );
}
