import type { INestApplicationContext } from '@nestjs/common';
import { PacketIntakeService } from '../../src/envelope/packet-intake.service.js';
import { PacketHandlers } from '../../src/federation/packet-handlers.js';
import type { ReceivedPacket } from '../../src/inbound/entities/received-packet.entity.js';
import { InboundPacketService } from '../../src/inbound/inbound-packet.service.js';

/**
 * Takes a sealed packet in as the inbox does once TLS named its peer: the real intake (verification,
 * replay check) and the handler its module registered, without HTTP. Refusals throw their
 * PacketRejection, as the intake does; a receipt-level view is the peer endpoint's, tested elsewhere.
 */
export async function acceptPacket(
  app: INestApplicationContext,
  sealed: unknown,
  deliveredBy?: string,
): Promise<ReceivedPacket> {
  const handlers = app.get(PacketHandlers);
  const { packet } = await app.get(PacketIntakeService).receive(sealed, async (opened, raw) => {
    const handle = handlers.handlerFor(opened.header.type);
    if (!handle) throw new Error(`no handler for packet type ${opened.header.type}`);
    await handle(opened, raw, deliveredBy ?? opened.header.from);
  });
  const stored = await app.get(InboundPacketService).getByPacketId(packet.header.packetId);
  if (!stored) throw new Error(`packet ${packet.header.packetId} was accepted but not stored`);
  return stored;
}
