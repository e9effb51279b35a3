import { Inject, Injectable } from '@nestjs/common';
import { NODE_CONFIG } from '../config/config.module.js';
import type { NodeConfig } from '../config/node-config.schema.js';
import { NodeIdentityService } from './node-identity.service.js';
import { NodeInfoObject } from './dto/node-info.object.js';
import { NODE_SOFTWARE_VERSION } from './node-version.js';

@Injectable()
export class NodeInfoService {
  constructor(
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    private readonly identity: NodeIdentityService,
  ) {}

  describe(): NodeInfoObject {
    const { certificate, keys } = this.identity.current();
    return Object.assign(new NodeInfoObject(), {
      id: this.config.id,
      name: this.config.name,
      country: this.config.country,
      kind: this.config.kind,
      version: NODE_SOFTWARE_VERSION,
      certificateFingerprint: certificate.fingerprintSha256,
      certificateNotAfter: certificate.notAfter,
      keyId: keys.current.keyId,
      signingPublicKey: Buffer.from(keys.current.signing.publicKey).toString('base64'),
      encryptionPublicKey: Buffer.from(keys.current.encryption.publicKey).toString('base64'),
    });
  }
}
