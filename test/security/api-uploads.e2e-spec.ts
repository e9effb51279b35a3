import { createHash, randomBytes } from 'node:crypto';
import { Role } from '../../src/kernel/vocabulary/role.js';
import { TestNode } from '../support/test-node.js';
import { http } from './support/api-attacker.js';

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

// Issue #14 item 13: `POST /CASES/<id>/ATTACHMENTS` with a JSON content type was answered 201 with
// 0 bytes stored: Express routes ignore case, the raw-body exemption of the JSON parser did not.
describe('evidence uploads are never silently emptied', () => {
  let node: TestNode;
  let analyst: string;
  let caseId: string;

  beforeAll(async () => {
    node = await TestNode.start('sec_uploads');
    analyst = await node.officerToken('analyst-upload', [Role.ANALYST]);
    const created = await node.graphql<{ createCase: { id: string } }>(
      'mutation ($input: CaseInput!) { createCase(input: $input) { id } }',
      {
        input: {
          reference: 'KNPA-2026-UPL-1',
          title: 'Chat exports',
          offenceCategories: ['ONLINE_SCAM'],
          tlp: 'AMBER',
          sourceReliability: 'B',
          informationAccuracy: 2,
        },
      },
      analyst,
    );
    caseId = created.data!.createCase.id;
  });
  afterAll(() => node.stop());

  it.each([
    ['/CASES/{id}/ATTACHMENTS', 'application/json', JSON.stringify({ chat: randomBytes(2048).toString('hex') })],
    ['/Cases/{id}/Attachments/', 'application/json; charset=utf-8', JSON.stringify({ messages: ['a', 'b', 'c'] })],
    ['/cases/{id}/ATTACHMENTS', 'application/x-www-form-urlencoded', `wallet=${randomBytes(500).toString('hex')}&x=1`],
  ])('POST %s as %s stores every byte sent, or refuses', async (route, mediaType, body) => {
    const answer = await http(`${node.url}${route.replace('{id}', caseId)}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${analyst}`,
        'content-type': mediaType,
        'x-filename': encodeURIComponent('export.json'),
      },
      body,
    });
    expect(answer.status).toBe(201);
    const meta = answer.json as unknown as { id: string; bytes: number; sha256: string };
    expect(meta.bytes).toBe(Buffer.byteLength(body));
    expect(meta.sha256).toBe(sha256(body));
    const downloaded = await http(`${node.url}/cases/${caseId}/attachments/${meta.id}`, {
      headers: { authorization: `Bearer ${analyst}` },
    });
    expect(downloaded.status).toBe(200);
    expect(sha256(downloaded.text)).toBe(sha256(body));
  });
});
