import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import forge from 'node-forge';
import { NODE_KEY_BINDING_OID, NODE_URI_PREFIX, encodeNodeKeyBinding } from '../kernel/pki/node-certificate-binding.js';
import type { KdfLimits } from './node-key-format.js';

/** argon2id at its minimum cost: tests exercise the format, not the hardness. */
export const FAST_KDF: KdfLimits = { opsLimit: 1, memLimit: 8192 };

export async function withTempDir<T>(work: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(tmpdir(), 'fed-identity-'));
  try {
    return await work(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export function fakePublicKey(fill: number): Uint8Array {
  return new Uint8Array(32).fill(fill);
}

export interface CraftOptions {
  issuer: { certPem: string; keyPem: string } | 'self';
  subjectKeyPem: string;
  cn: string;
  o: string;
  sanUris?: string[];
  binding?: Buffer | null;
  cA?: boolean;
  digest?: 'sha1' | 'sha256';
  notBefore?: Date;
  notAfter?: Date;
}

/**
 * Builds certificates that issueNodeCertificate refuses to produce (CN/SAN disagreement, a CA
 * with a binding, a foreign agency, SHA-1, no binding), to prove the verifier rejects them.
 */
export function craftCertificate(options: CraftOptions): string {
  const subjectKey = forge.pki.privateKeyFromPem(options.subjectKeyPem);
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(subjectKey.n, subjectKey.e);
  cert.serialNumber = '0a1b2c3d';
  cert.validity.notBefore = options.notBefore ?? new Date(Date.now() - 60_000);
  cert.validity.notAfter = options.notAfter ?? new Date(Date.now() + 86_400_000);
  cert.setSubject([
    { shortName: 'CN', value: options.cn },
    { shortName: 'O', value: options.o },
  ]);
  let signer = subjectKey;
  if (options.issuer === 'self') {
    cert.setIssuer(cert.subject.attributes);
  } else {
    cert.setIssuer(forge.pki.certificateFromPem(options.issuer.certPem).subject.attributes);
    signer = forge.pki.privateKeyFromPem(options.issuer.keyPem);
  }
  const binding =
    options.binding === undefined ? encodeNodeKeyBinding(fakePublicKey(1), fakePublicKey(2)) : options.binding;
  cert.setExtensions([
    { name: 'basicConstraints', cA: options.cA ?? false, critical: true },
    ...(options.cA ? [{ name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true }] : []),
    {
      name: 'subjectAltName',
      altNames: (options.sanUris ?? [`${NODE_URI_PREFIX}${options.cn}`]).map((value) => ({ type: 6, value })),
    },
    ...(binding === null ? [] : [{ id: NODE_KEY_BINDING_OID, critical: false, value: binding.toString('binary') }]),
  ]);
  cert.sign(signer, options.digest === 'sha1' ? forge.md.sha1.create() : forge.md.sha256.create());
  return forge.pki.certificateToPem(cert);
}
