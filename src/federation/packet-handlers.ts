import { Injectable } from '@nestjs/common';
import type { OpenedPacket } from '../envelope/packet-envelope.js';

/**
 * Stores one verified packet of a type its module owns. Runs inside the intake transaction (the
 * accepted packet id and whatever the handler writes commit together); throws a PacketRejection to
 * refuse the packet with a reason code.
 */
export type PacketHandler = (packet: OpenedPacket, sealed: unknown, deliveredBy: string) => Promise<void>;

/**
 * Which module stores which packet type. Modules register at construction (inbound: `case`,
 * `reply`), so federation delivers packets without knowing what they carry.
 */
@Injectable()
export class PacketHandlers {
  private readonly handlers = new Map<string, PacketHandler>();

  register(type: string, handler: PacketHandler): void {
    if (this.handlers.has(type)) throw new Error(`packet type "${type}" already has a handler`);
    this.handlers.set(type, handler);
  }

  handlerFor(type: string): PacketHandler | undefined {
    return this.handlers.get(type);
  }

  types(): string[] {
    return [...this.handlers.keys()].sort();
  }
}
