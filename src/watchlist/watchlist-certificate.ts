import { createHash, X509Certificate } from 'node:crypto';

const fingerprints = new Map<string, string>();

/** SHA-256 of the DER certificate, lower-case hex (the same fingerprint peer_certificate uses); memoised. */
export function certificateFingerprint(pem: string): string {
  let fingerprint = fingerprints.get(pem);
  if (fingerprint === undefined) {
    fingerprint = createHash('sha256').update(new X509Certificate(pem).raw).digest('hex');
    // Certificates are few (one or two per origin); the bound only guards against a hostile stream.
    if (fingerprints.size > 1000) fingerprints.clear();
    fingerprints.set(pem, fingerprint);
  }
  return fingerprint;
}
