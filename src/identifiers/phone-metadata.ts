/**
 * libphonenumber-js's full ("max") metadata, bound once for the `core` entry point.
 *
 * Why `core` plus explicit metadata instead of `libphonenumber-js/max`: the `max` entry imports
 * its metadata through a relative `…json.js` path that Jest's `.js`-stripping module mapper turns
 * into a bare JSON import; the package-export path below is resolved by name and is unaffected.
 * The full metadata checks numbers against each country's plan, not only their length.
 */
import { getCountries } from 'libphonenumber-js/core';
import metadata from 'libphonenumber-js/metadata.max.json';

export const PHONE_METADATA = metadata;

/** Regions libphonenumber knows: the ISO 3166-1 alpha-2 codes of inhabited territories plus XK. */
export const KNOWN_REGIONS: ReadonlySet<string> = new Set(getCountries(metadata));
