import { fakeVerifySender, makeTestNode } from './envelope.test-helpers.js';
import { openPacket, sealPacket } from './packet-envelope.js';
import { serializePacket } from './packet-wire.js';

describe('concurrency', () => {
  it('opens many packets concurrently while callbacks await, each getting its own body', async () => {
    // Ciphertexts live in pooled buffers across the verifySender await: this catches any sharing.
    const [knpa, gdce] = await Promise.all([makeTestNode('kr-knpa'), makeTestNode('kh-gdce')]);
    const bodies = Array.from({ length: 24 }, (_, i) => ({ i, data: String(i).repeat(2000 + i * 5000) }));
    const wires = await Promise.all(
      bodies.map(async (body) =>
        serializePacket(
          await sealPacket({
            type: 'case',
            expiresAt: new Date(Date.now() + 60_000),
            policyVersion: '1',
            body,
            sender: knpa.sender,
            recipients: [gdce.recipient],
          }),
        ),
      ),
    );
    const verify = fakeVerifySender([knpa, gdce]);
    const opened = await Promise.all(
      wires.map((wire, i) =>
        openPacket(wire, {
          self: { nodeId: 'kh-gdce', encryptionKeys: [gdce.encryption] },
          verifySender: async (...args) => {
            await new Promise((resolve) => setTimeout(resolve, (i * 7) % 13));
            return verify(...args);
          },
        }),
      ),
    );
    opened.forEach((o, i) => expect(o.body).toEqual(bodies[i]));
  });
});
