import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AcceptedPacketId } from './entities/accepted-packet-id.entity.js';
import { PacketRejectionRecord } from './entities/packet-rejection-record.entity.js';
import { PacketIntakeService } from './packet-intake.service.js';
import { PacketSealerService } from './packet-sealer.service.js';

/** Nest wiring of the envelope core: sealing as this node and the verified intake of inbound packets. */
@Module({
  imports: [TypeOrmModule.forFeature([AcceptedPacketId, PacketRejectionRecord])],
  providers: [PacketIntakeService, PacketSealerService],
  exports: [PacketIntakeService, PacketSealerService],
})
export class EnvelopeModule {}
