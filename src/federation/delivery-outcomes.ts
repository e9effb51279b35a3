import { Injectable } from '@nestjs/common';

/** The record a packet was sent for (a share request…), named by the audit entries of its delivery. */
export interface DeliverySubject {
  type: string;
  id: string;
}

/**
 * How the module that sent a packet learns what became of it. Each call runs inside the delivery's
 * transaction and only touches the listener's own tables; a listener ignores packets that are not its own.
 */
export interface DeliveryOutcomeListener {
  subjectOf(packetId: string): Promise<DeliverySubject | null>;
  /** The first attempt went out; true when the listener's record moved (the send is then audited). */
  markSent(packetId: string, at: Date): Promise<boolean>;
  markDelivered(packetId: string, at: Date): Promise<void>;
  markFailed(packetId: string, error: string): Promise<void>;
  /** An administrator put a failed delivery back in the queue. */
  markRequeued(packetId: string): Promise<void>;
}

/** The listeners registered by the modules that send packets (sharing today). */
@Injectable()
export class DeliveryOutcomes implements DeliveryOutcomeListener {
  private readonly listeners: DeliveryOutcomeListener[] = [];

  register(listener: DeliveryOutcomeListener): void {
    this.listeners.push(listener);
  }

  async subjectOf(packetId: string): Promise<DeliverySubject | null> {
    for (const listener of this.listeners) {
      const subject = await listener.subjectOf(packetId);
      if (subject) return subject;
    }
    return null;
  }

  async markSent(packetId: string, at: Date): Promise<boolean> {
    let moved = false;
    for (const listener of this.listeners) moved = (await listener.markSent(packetId, at)) || moved;
    return moved;
  }

  async markDelivered(packetId: string, at: Date): Promise<void> {
    for (const listener of this.listeners) await listener.markDelivered(packetId, at);
  }

  async markFailed(packetId: string, error: string): Promise<void> {
    for (const listener of this.listeners) await listener.markFailed(packetId, error);
  }

  async markRequeued(packetId: string): Promise<void> {
    for (const listener of this.listeners) await listener.markRequeued(packetId);
  }
}
