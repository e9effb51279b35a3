/**
 * A body that is already JSON text, sent byte for byte instead of through JSON.stringify: a sealed packet
 * and a signed receipt travel in their canonical form (docs/PROTOCOL.md §7, §12), exactly as signed.
 */
export class JsonText {
  constructor(readonly text: string) {}
}
