import { Module } from '@nestjs/common';
import { PacketIntakeService } from './packet-intake.service.js';
import { PacketSealerService } from './packet-sealer.service.js';

/** Nest wiring of the envelope core: sealing as this node and the verified intake of inbound packets. */
@Module({
  providers: [PacketIntakeService, PacketSealerService],
  exports: [PacketIntakeService, PacketSealerService],
})
export class EnvelopeModule {}
