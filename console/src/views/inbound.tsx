import { INBOUND, type ReceivedPacket } from '../api/operations';
import { Badge, ErrorMessage, Loading, ViewHeading, When } from '../components/common';
import { FieldTree } from '../components/field-tree';
import { useQuery } from '../components/use-query';
import { useI18n } from '../i18n/i18n';

/** What partners sent, read-only, each with its provenance: origin, relay, signature, policy version, retention. */
export function InboundView({ selected }: { selected?: string }) {
  const { t, code } = useI18n();
  const inbound = useQuery<{ inboundPackets: ReceivedPacket[] }>(INBOUND);
  const packets = inbound.data?.inboundPackets ?? [];
  const current = packets.find((p) => p.id === selected);
  return (
    <section>
      <div class="view-top">
        <ViewHeading>{t('inbound.title')}</ViewHeading>
        <button type="button" onClick={inbound.reload}>
          {t('common.refresh')}
        </button>
      </div>
      <ErrorMessage error={inbound.error} />
      {!inbound.data ? (
        <Loading />
      ) : packets.length === 0 ? (
        <p>{t('inbound.none')}</p>
      ) : (
        <table data-testid="inbound-packets">
          <thead>
            <tr>
              <th scope="col">{t('inbound.type')}</th>
              <th scope="col">{t('case.reference')}</th>
              <th scope="col">{t('case.title')}</th>
              <th scope="col">{t('inbound.origin')}</th>
              <th scope="col">{t('inbound.deliveredBy')}</th>
              <th scope="col">{t('inbound.signature')}</th>
              <th scope="col">{t('share.policy')}</th>
              <th scope="col">TLP</th>
              <th scope="col">{t('inbound.received')}</th>
              <th scope="col">{t('inbound.retention')}</th>
            </tr>
          </thead>
          <tbody>
            {packets.map((p) => (
              <tr key={p.id} class={p.id === current?.id ? 'selected' : ''}>
                <td>{code(p.type)}</td>
                <td>
                  <a href={`#/inbound/${p.id}`}>{p.caseReference ?? p.packetId.slice(0, 8)}</a>
                </td>
                <td>{p.title ?? '—'}</td>
                <td>{p.originNode}</td>
                <td>{p.deliveredBy}</td>
                <td>{p.signatureVerified ? <span class="ok">✔ {t('inbound.verified')}</span> : <span class="bad">{t('inbound.notVerified')}</span>}</td>
                <td>{p.policyVersion}</td>
                <td>{p.tlp ? <Badge code={p.tlp} kind={`tlp-${p.tlp}`} /> : '—'}</td>
                <td>
                  <When at={p.receivedAt} />
                </td>
                <td>
                  <When at={p.retentionUntil} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {current ? (
        <article class="card" aria-labelledby="packet-title" data-testid="inbound-detail">
          <h2 id="packet-title">{current.caseReference ?? current.packetId}</h2>
          <dl class="meta">
            <dt>{t('inbound.origin')}</dt>
            <dd>{current.originNode}</dd>
            <dt>{t('inbound.deliveredBy')}</dt>
            <dd>{current.deliveredBy}</dd>
            <dt>{t('inbound.signature')}</dt>
            <dd>
              {current.signatureVerified ? t('inbound.verified') : t('inbound.notVerified')} · <code>{current.senderCertificateFingerprint.slice(0, 16)}…</code>
            </dd>
            <dt>{t('share.policy')}</dt>
            <dd>{current.policyVersion}</dd>
            <dt>{t('inbound.retention')}</dt>
            <dd>
              <When at={current.retentionUntil} />
            </dd>
            <dt>{t('inbound.packetId')}</dt>
            <dd>
              <code>{current.packetId}</code>
            </dd>
          </dl>
          <FieldTree value={current.content} removed={[]} side="preview" label={t('inbound.content')} />
        </article>
      ) : null}
    </section>
  );
}
