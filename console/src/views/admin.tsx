import { NODE_INFO, type NodeInfo, PEERS, REVOKED_CERTIFICATES, USERS } from '../api/operations';
import { ErrorMessage, Loading, ViewHeading, When } from '../components/common';
import { useQuery } from '../components/use-query';
import { useI18n } from '../i18n/i18n';
import { useSession } from '../session';

interface Peer {
  id: string;
  url: string;
  pinnedFingerprint: string | null;
  queuedDeliveries: number;
  oldestQueuedAt: string | null;
  certificates: { fingerprint: string; notBefore: string; notAfter: string; firstSeenAt: string; supersededAt: string | null; revoked: boolean }[];
  watchlistSync: { direction: string; cursor: string; lastSuccessAt: string | null; lagSeconds: number | null; lastError: string | null }[];
}

/** The node and its partners at a glance: identity, peers, certificates seen, sync lag, backlog, accounts. */
export function AdminView() {
  const { t } = useI18n();
  const session = useSession();
  const node = useQuery<{ nodeInfo: NodeInfo }>(NODE_INFO);
  const peers = useQuery<{ peers: Peer[] }>(PEERS);
  const revoked = useQuery<{ revokedCertificates: { fingerprint: string; nodeId: string | null; reason: string; revokedAt: string; revokedBy: string }[] }>(REVOKED_CERTIFICATES);
  const users = useQuery<{ users: { username: string; roles: string[]; disabled: boolean; createdAt: string }[] }>(USERS, {}, session.has('ADMIN'));
  const sync = (p: Peer, direction: string) => p.watchlistSync.find((s) => s.direction === direction);
  const lag = (seconds: number | null | undefined) => (seconds === null || seconds === undefined ? t('admin.never') : t('admin.secondsAgo', { s: Math.round(seconds) }));

  return (
    <section>
      <div class="view-top">
        <ViewHeading>{t('admin.title')}</ViewHeading>
        <button type="button" onClick={() => (peers.reload(), revoked.reload())}>{t('common.refresh')}</button>
      </div>
      <ErrorMessage error={node.error ?? peers.error ?? revoked.error ?? users.error} />
      {node.data ? (
        <dl class="meta card">
          <dt>{t('admin.node')}</dt>
          <dd>{node.data.nodeInfo.id} — {node.data.nodeInfo.name} ({node.data.nodeInfo.country}) · v{node.data.nodeInfo.version}</dd>
          <dt>{t('admin.certificate')}</dt>
          <dd><code>{node.data.nodeInfo.certificateFingerprint.slice(0, 32)}…</code> · {t('admin.notAfter')} <When at={node.data.nodeInfo.certificateNotAfter} /></dd>
          <dt>{t('admin.keyId')}</dt>
          <dd><code>{node.data.nodeInfo.keyId}</code></dd>
        </dl>
      ) : null}
      <h2>{t('admin.peers')}</h2>
      {!peers.data ? (
        <Loading />
      ) : (
        <table data-testid="peers">
          <thead>
            <tr>
              <th scope="col">{t('admin.peer')}</th>
              <th scope="col">{t('admin.certificates')}</th>
              <th scope="col">{t('admin.push')}</th>
              <th scope="col">{t('admin.pull')}</th>
              <th scope="col">{t('admin.backlog')}</th>
            </tr>
          </thead>
          <tbody>
            {peers.data.peers.map((p) => (
              <tr key={p.id}>
                <th scope="row">
                  {p.id}
                  <div class="muted small">{p.url}</div>
                </th>
                <td>
                  {p.certificates.length === 0 ? <span class="muted">{t('admin.noCertificate')}</span> : null}
                  <ul class="plain">
                    {p.certificates.map((c) => (
                      <li key={c.fingerprint}>
                        <code>{c.fingerprint.slice(0, 16)}…</code> {t('admin.notAfter')} <When at={c.notAfter} />
                        {c.revoked ? <span class="badge badge-rejected">{t('admin.revoked')}</span> : null}
                        {c.supersededAt ? <span class="badge">{t('admin.superseded')}</span> : null}
                      </li>
                    ))}
                  </ul>
                </td>
                {(['PUSH', 'PULL'] as const).map((d) => (
                  <td key={d}>
                    {lag(sync(p, d)?.lagSeconds)}
                    {sync(p, d)?.lastError ? <div class="bad small">{sync(p, d)?.lastError}</div> : null}
                  </td>
                ))}
                <td>
                  {p.queuedDeliveries}
                  {p.oldestQueuedAt ? <div class="muted small">{t('admin.oldest')} <When at={p.oldestQueuedAt} /></div> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>{t('admin.revokedCertificates')}</h2>
      {revoked.data?.revokedCertificates.length ? (
        <ul class="plain">
          {revoked.data.revokedCertificates.map((r) => (
            <li key={r.fingerprint}>
              <code>{r.fingerprint.slice(0, 16)}…</code> {r.nodeId ?? ''} — {r.reason} ({r.revokedBy}, <When at={r.revokedAt} />)
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">{t('admin.noneRevoked')}</p>
      )}
      {users.data ? (
        <>
          <h2>{t('admin.users')}</h2>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('login.username')}</th>
                <th scope="col">{t('admin.roles')}</th>
                <th scope="col">{t('share.status')}</th>
              </tr>
            </thead>
            <tbody>
              {users.data.users.map((u) => (
                <tr key={u.username}>
                  <td>{u.username}</td>
                  <td>{u.roles.join(', ')}</td>
                  <td>{u.disabled ? t('admin.disabled') : t('admin.active')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </section>
  );
}
