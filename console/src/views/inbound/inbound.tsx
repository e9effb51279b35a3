import { INBOUND } from '../../api/operations';
import type { ReceivedPacket } from '../../api/types';
import { Badge, ErrorMessage, Loading, ViewHeading, When } from '../../components/common';
import { Partner } from '../../components/partner';
import { useQuery } from '../../components/use-query';
import { useI18n } from '../../i18n/i18n';
import { PacketDetail } from './packet-detail';

/**
 * What partners sent, read-only, each with its provenance. #/inbound/<id> opens a packet by its id
 * here; #/inbound/packet/<packet id> by the id it travelled under (alerts link that way).
 */
export function InboundView({ parts }: { parts: string[] }) {
  const { t, code } = useI18n();
  const inbound = useQuery<{ inboundPackets: ReceivedPacket[] }>(INBOUND);
  const packets = inbound.data?.inboundPackets ?? [];
  const current =
    parts[0] === 'packet' ? packets.find((p) => p.packetId === parts[1]) : packets.find((p) => p.id === parts[0]);
  const wanted = parts.length > 0;
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
        <table data-testid="inbound-packets" class="list">
          <thead>
            <tr>
              <th scope="col">{t('inbound.type')}</th>
              <th scope="col">{t('case.reference')}</th>
              <th scope="col">{t('inbound.origin')}</th>
              <th scope="col">{t('inbound.signature')}</th>
              <th scope="col">TLP</th>
              <th scope="col">{t('inbound.received')}</th>
            </tr>
          </thead>
          <tbody>
            {packets.map((p) => (
              <tr key={p.id} class={p.id === current?.id ? 'selected' : ''}>
                <td class="nowrap">{code(p.type)}</td>
                <td>
                  <a href={`#/inbound/${p.id}`}>{p.caseReference ?? p.packetId.slice(0, 8)}</a>
                  {p.title ? <div class="small">{p.title}</div> : null}
                </td>
                <td>
                  <Partner id={p.originNode} />
                  {p.deliveredBy !== p.originNode ? (
                    <div class="muted small">
                      {t('inbound.via')} <Partner id={p.deliveredBy} />
                    </div>
                  ) : null}
                </td>
                <td class="nowrap">
                  {p.signatureVerified ? (
                    <span class="ok">✔ {t('inbound.verified')}</span>
                  ) : (
                    <span class="bad">{t('inbound.notVerified')}</span>
                  )}
                </td>
                <td>{p.tlp ? <Badge code={p.tlp} kind={`tlp-${p.tlp}`} /> : '—'}</td>
                <td>
                  <When at={p.receivedAt} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {current ? <PacketDetail key={current.id} packet={current} /> : null}
      {wanted && inbound.data && !current ? <p role="status">{t('inbound.notHere')}</p> : null}
    </section>
  );
}
