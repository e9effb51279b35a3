import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { IdentifierType } from '../kernel/vocabulary/index.js';
import { StixSchemas } from './stix-schemas.js';

/**
 * The official schemas as checked out beside the repository (`../shared/data/stix2-json-schemas/`,
 * as in CI). Tests validate against this copy, not the vendored one, so a drifted copy cannot pass.
 */
export const OFFICIAL_SCHEMA_DIR = fileURLToPath(new URL('../../../shared/data/stix2-json-schemas/', import.meta.url));

export function officialSchemas(): StixSchemas {
  if (!existsSync(OFFICIAL_SCHEMA_DIR))
    throw new Error(`the official STIX schemas are missing: expected them in ${OFFICIAL_SCHEMA_DIR}`);
  return new StixSchemas(OFFICIAL_SCHEMA_DIR);
}

/** One valid, normalised value per identifier type. */
export const SAMPLE_IDENTIFIERS: Readonly<Record<IdentifierType, string>> = {
  WALLET_BTC: 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq',
  WALLET_EVM: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
  WALLET_TRON: 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t',
  WALLET_LTC: 'LKKHMBjCU89fyFNgSRprDoD8Jb25N8uWvd',
  WALLET_XMR: '44AFFq5kSiGBoZ4NMDwYtN18obc8AemS33DBLWs3H7otXft3XjrpDtQGv7SqSsaBYBb98uNbr2VBBEt7f2wfn3RVGQBEP3A',
  EXCHANGE_ACCOUNT: 'binance:38291044',
  PHONE: '+85512345678',
  TELEGRAM: '@scam_boss_kh',
  EMAIL: 'boss@scam.example',
  BANK_ACCOUNT: 'KH:ABAAKHPP:000123456',
  DARKWEB_HANDLE: 'dread:/u/vendor1',
  IP_ADDRESS: '203.0.113.7',
  DOMAIN: 'scam-exchange.example',
};
