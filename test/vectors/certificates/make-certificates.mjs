// Makes the certificates the vectors use (run once after `npm run build`: node test/vectors/certificates/make-certificates.mjs).
// RSA keys are random, so running it again gives other certificates and other vectors: they are vector
// inputs, committed once. The node keys come from the fixed seeds the vector files list.
import { writeFileSync } from 'node:fs';
import sodiumModule from 'libsodium-wrappers-sumo';
import { createAgencyCa, issueNodeCertificate } from '../../../dist/kernel/pki/node-certificate.js';

const sodium = sodiumModule.default ?? sodiumModule;
await sodium.ready;
const seed = (byte) => new Uint8Array(32).fill(byte);
const NODES = { 'kr-knpa': [0x01, 0x21], 'kh-cnp': [0x31, 0x32] };
const notBefore = new Date('2026-01-01T00:00:00.000Z');
for (const [nodeId, [ed, x]] of Object.entries(NODES)) {
  const ca = await createAgencyCa({ agencyId: nodeId, validDays: 3650, notBefore });
  const node = await issueNodeCertificate({
    ca,
    nodeId,
    agencyId: nodeId,
    ed25519PublicKey: sodium.crypto_sign_seed_keypair(seed(ed)).publicKey,
    x25519PublicKey: sodium.crypto_box_seed_keypair(seed(x)).publicKey,
    validDays: 3000,
    notBefore,
  });
  writeFileSync(new URL(`${nodeId}-ca.crt`, import.meta.url), ca.certPem);
  writeFileSync(new URL(`${nodeId}.crt`, import.meta.url), node.certPem);
}
