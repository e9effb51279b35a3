import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import * as path from 'node:path';
import { Role } from '../../src/kernel/vocabulary/role.js';
import { MAX_ATTACHMENT_BYTES } from '../../src/cases/case-content.js';
import { sql } from '../support/test-database.js';
import { TestNode } from '../support/test-node.js';

const CREATE_CASE = `mutation ($input: CaseInput!) { createCase(input: $input) { id revision } }`;
const GET_CASE = `query ($id: ID!) { case(id: $id) { revision attachments { id name mediaType sha256 bytes } } }`;

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** Set when the response did not complete (connection cut after the headers). */
  error?: Error;
}

interface UploadOptions {
  token?: string;
  name?: string;
  mediaType?: string;
  headers?: Record<string, string>;
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** node:http rather than fetch: it shows a response that arrives while the body is still being sent. */
function send(
  url: string,
  method: string,
  headers: Record<string, string>,
  body?: Buffer | ((write: (chunk: Buffer) => boolean) => void),
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method, headers });
    let settled = false;
    req.on('response', (res) => {
      const parts: Buffer[] = [];
      res.on('data', (part: Buffer) => parts.push(part));
      const done = (error?: Error) => {
        if (settled) return;
        settled = true;
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts), error });
      };
      res.on('end', () => done());
      res.on('error', (error) => done(error));
      res.on('aborted', () => done(new Error('response aborted')));
      res.on('close', () => done(res.complete ? undefined : new Error('response closed before its end')));
    });
    // Writing into a connection the server has already answered and closed fails: that is expected.
    req.on('error', (error) => {
      if (!settled) {
        settled = true;
        reject(error);
      }
    });
    if (typeof body === 'function') body((chunk) => req.write(chunk));
    else req.end(body);
  });
}

describe('evidence attachments over HTTP', () => {
  let node: TestNode;
  let analyst: string;
  let liaison: string;
  let caseId: string;

  const attachmentsDir = () => path.join(node.config.dataDir, 'attachments');
  const uploadUrl = (id = caseId) => `${node.url}/cases/${id}/attachments`;
  const storedFiles = async () => (await fs.readdir(attachmentsDir()).catch(() => [] as string[])).sort();
  const fileRows = async () => sql<{ id: string }>(node.databaseUrl, 'SELECT id FROM case_attachment_file ORDER BY id');

  function upload(data: Buffer, options: UploadOptions = {}): Promise<RawResponse> {
    const token = 'token' in options ? options.token : analyst;
    return send(
      uploadUrl(),
      'POST',
      {
        'content-type': options.mediaType ?? 'application/octet-stream',
        'content-length': String(data.length),
        'x-filename': encodeURIComponent(options.name ?? 'evidence.bin'),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...options.headers,
      },
      data,
    );
  }

  function download(attachmentId: string, token = liaison, id = caseId): Promise<RawResponse> {
    return send(`${node.url}/cases/${id}/attachments/${attachmentId}`, 'GET', { authorization: `Bearer ${token}` });
  }

  async function createCase(reference: string): Promise<string> {
    const input = {
      reference,
      title: 'Pig-butchering ring',
      offenceCategories: ['ONLINE_SCAM'],
      tlp: 'AMBER',
      sourceReliability: 'B',
      informationAccuracy: 2,
    };
    const created = await node.graphql<{ createCase: { id: string } }>(CREATE_CASE, { input }, analyst);
    if (!created.data) throw new Error(JSON.stringify(created.errors));
    return created.data.createCase.id;
  }

  const json = (response: RawResponse) =>
    JSON.parse(response.body.toString('utf8')) as { error: { code: string; message: string; field?: string } };

  beforeAll(async () => {
    node = await TestNode.start('attachments');
    analyst = await node.officerToken('analyst-han', [Role.ANALYST]);
    liaison = await node.officerToken('liaison-oh', [Role.LIAISON_OFFICER]);
    caseId = await createCase('KNPA-2025-ATT-1');
  });
  afterAll(() => node.stop());

  it('stores an upload encrypted, lists it on the case, and downloads it byte-exact', async () => {
    const marker = Buffer.from('KNOWN-PLAINTEXT-RUN:'.padEnd(64, '#'));
    const data = Buffer.concat([marker, randomBytes(3 * 1024 * 1024), marker]);
    const before = await node.graphql<{ case: { revision: number } }>(GET_CASE, { id: caseId }, analyst);

    const response = await upload(data, { name: '거래 내역 (export).csv', mediaType: 'text/csv; charset=utf-8' });
    expect(response.status).toBe(201);
    const meta = JSON.parse(response.body.toString('utf8')) as { id: string; caseRevision: number };
    expect(meta).toEqual({
      id: expect.any(String),
      name: '거래 내역 (export).csv',
      mediaType: 'text/csv',
      sha256: sha256(data),
      bytes: data.length,
      caseId,
      caseRevision: before.data!.case.revision + 1,
    });
    expect(response.headers.location).toBe(`/cases/${caseId}/attachments/${meta.id}`);

    const after = await node.graphql<{ case: { revision: number; attachments: unknown[] } }>(
      GET_CASE,
      { id: caseId },
      analyst,
    );
    expect(after.data!.case.revision).toBe(before.data!.case.revision + 1);
    expect(after.data!.case.attachments).toEqual([
      { id: meta.id, name: '거래 내역 (export).csv', mediaType: 'text/csv', sha256: sha256(data), bytes: data.length },
    ]);

    const onDisk = await fs.readFile(path.join(attachmentsDir(), `${meta.id}.bin`));
    expect(onDisk.length).toBeGreaterThan(data.length);
    expect(onDisk.includes(marker)).toBe(false);
    expect((await fs.stat(path.join(attachmentsDir(), `${meta.id}.bin`))).mode & 0o777).toBe(0o600);

    const downloaded = await download(meta.id);
    expect(downloaded.error).toBeUndefined();
    expect(downloaded.status).toBe(200);
    expect(downloaded.body.equals(data)).toBe(true);
    expect(downloaded.headers['content-type']).toBe('text/csv');
    expect(downloaded.headers['content-length']).toBe(String(data.length));
    expect(downloaded.headers['content-disposition']).toBe(
      `attachment; filename="__ __ (export).csv"; filename*=UTF-8''${encodeURIComponent('거래 내역 ')}%28export%29.csv`,
    );
    expect(downloaded.headers['x-content-type-options']).toBe('nosniff');
  });

  it('takes a JSON file as a file: the JSON body parser leaves the upload alone', async () => {
    const data = Buffer.from(JSON.stringify({ chat: 'x'.repeat(300_000) }));
    const response = await upload(data, { name: 'telegram-export.json', mediaType: 'application/json' });
    expect(response.status).toBe(201);
    const { id } = JSON.parse(response.body.toString('utf8')) as { id: string };
    expect((await download(id)).body.equals(data)).toBe(true);
  });

  it('accepts exactly 50 MiB and refuses 50 MiB + 1 with 413 naming file, leaving no file and no row', async () => {
    const exact = randomBytes(MAX_ATTACHMENT_BYTES);
    const started = Date.now();
    const accepted = await upload(exact, { name: 'exactly-50-MiB.bin' });
    const seconds = (Date.now() - started) / 1000;
    expect(accepted.status).toBe(201);
    expect(JSON.parse(accepted.body.toString('utf8'))).toMatchObject({
      bytes: MAX_ATTACHMENT_BYTES,
      sha256: sha256(exact),
    });
    process.stdout.write(`50 MiB upload: ${seconds.toFixed(2)} s, ${(50 / seconds).toFixed(1)} MiB/s\n`);

    const files = await storedFiles();
    const rows = await fileRows();
    const tooBig = Buffer.concat([exact, Buffer.from([1])]);
    const refused = await upload(tooBig, { name: 'too-big.bin' });
    expect(refused.status).toBe(413);
    expect(json(refused).error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'file' });
    // fetch keeps sending while the answer arrives: the lingering close still lets it read the 413.
    const viaFetch = await fetch(uploadUrl(), {
      method: 'POST',
      headers: {
        authorization: `Bearer ${analyst}`,
        'x-filename': 'too-big.bin',
        'content-type': 'application/octet-stream',
      },
      body: tooBig,
    });
    expect(viaFetch.status).toBe(413);
    expect(((await viaFetch.json()) as { error: { field: string } }).error.field).toBe('file');
    expect(await storedFiles()).toEqual(files);
    expect(await fileRows()).toEqual(rows);
  });

  it('answers 413 at once from Content-Length, without waiting for the body', async () => {
    const started = Date.now();
    // Sends the headers and 1 KiB of a declared 50 MiB + 1, then nothing: only an early answer can arrive.
    const refused = await send(
      uploadUrl(),
      'POST',
      {
        authorization: `Bearer ${analyst}`,
        'content-type': 'video/mp4',
        'x-filename': 'cctv.mp4',
        'content-length': String(MAX_ATTACHMENT_BYTES + 1),
      },
      (write) => write(randomBytes(1024)),
    );
    expect(refused.status).toBe(413);
    expect(refused.headers.connection).toBe('close');
    expect(json(refused).error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'file' });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('counts the bytes of a chunked upload (no Content-Length) and stops at the limit', async () => {
    const files = await storedFiles();
    const piece = randomBytes(1024 * 1024);
    const refused = await send(
      uploadUrl(),
      'POST',
      {
        authorization: `Bearer ${analyst}`,
        'content-type': 'application/octet-stream',
        'x-filename': 'stream.bin',
        'transfer-encoding': 'chunked',
      },
      (write) => {
        // 51 MiB, written as fast as the connection takes it; the server answers at 50 MiB + 1.
        let sent = 0;
        const pump = (): void => {
          while (sent < 51) {
            sent += 1;
            if (!write(piece)) return void setTimeout(pump, 0);
          }
        };
        pump();
      },
    );
    expect(refused.status).toBe(413);
    expect(json(refused).error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'file' });
    expect(await storedFiles()).toEqual(files);
  });

  it('leaves nothing behind when the client gives up midway', async () => {
    const files = await storedFiles();
    const rows = await fileRows();
    await new Promise<void>((resolve) => {
      const req = httpRequest(uploadUrl(), {
        method: 'POST',
        headers: {
          authorization: `Bearer ${analyst}`,
          'content-type': 'application/pdf',
          'x-filename': 'cut.pdf',
          'content-length': String(10 * 1024 * 1024),
        },
      });
      req.on('error', () => resolve());
      req.write(randomBytes(2 * 1024 * 1024), () => setTimeout(() => req.destroy(), 200));
    });
    // The server notices the cut when it next reads: give it a moment.
    for (
      let i = 0;
      i < 50 && !node.logLines.some((line) => line.includes('client closed the connection before the answer'));
      i += 1
    ) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(node.logLines.some((line) => line.includes('client closed the connection before the answer'))).toBe(true);
    expect(await storedFiles()).toEqual(files);
    expect(await fileRows()).toEqual(rows);
  });

  it('refuses without a token (401) and with the wrong role (403), in the HTTP error format', async () => {
    const anonymous = await upload(Buffer.from('x'), { token: undefined });
    expect(anonymous.status).toBe(401);
    expect(json(anonymous)).toEqual({ error: { code: 'UNAUTHENTICATED', message: expect.any(String) } });
    const auditor = await node.officerToken('auditor-yoon', [Role.AUDITOR]);
    const forbidden = await upload(Buffer.from('x'), { token: auditor });
    expect(forbidden.status).toBe(403);
    expect(json(forbidden).error.code).toBe('FORBIDDEN');
    // Liaison officers may read attachments but not add them.
    expect((await upload(Buffer.from('x'), { token: liaison })).status).toBe(403);
  });

  it('answers 404 for an unknown case and leaves no file behind', async () => {
    const files = await storedFiles();
    for (const unknown of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      const response = await send(
        uploadUrl(unknown),
        'POST',
        {
          authorization: `Bearer ${analyst}`,
          'content-type': 'application/pdf',
          'x-filename': 'a.pdf',
          'content-length': '5',
        },
        Buffer.from('%PDF-'),
      );
      expect(response.status).toBe(404);
      expect(json(response).error.code).toBe('NOT_FOUND');
    }
    expect(await storedFiles()).toEqual(files);
    expect((await download('00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('refuses a bad file name with 400 naming filename', async () => {
    for (const name of ['../../etc/passwd', 'a\u0000b', '', 'x'.repeat(256)]) {
      const response = await upload(Buffer.from('data'), { headers: { 'x-filename': encodeURIComponent(name) } });
      expect(response.status).toBe(400);
      expect(json(response).error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filename' });
    }
    const badEncoding = await upload(Buffer.from('data'), { headers: { 'x-filename': '%E0%A4%A' } });
    expect(json(badEncoding).error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filename' });
  });

  it('fails a download of a tampered file instead of answering wrong bytes', async () => {
    const data = randomBytes(300 * 1024);
    const { id } = JSON.parse((await upload(data, { name: 'tamper-me.bin' })).body.toString('utf8')) as { id: string };
    const file = path.join(attachmentsDir(), `${id}.bin`);
    const stored = await fs.readFile(file);
    stored[stored.length - 100] ^= 0x40; // inside the last chunk: the earlier chunks stream out first
    await fs.writeFile(file, stored);

    const response = await download(id);
    expect(response.status).toBe(200); // headers went out with the first, intact chunk...
    expect(response.error).toBeDefined(); // ...and the stream was then cut, not ended
    expect(response.body.length).toBeLessThan(data.length);
    expect(node.logLines.some((line) => line.includes('failed its integrity check'))).toBe(true);

    stored[40] ^= 0x01; // inside the first chunk: refused before any byte, as an internal error
    await fs.writeFile(file, stored);
    const early = await download(id);
    expect(early.status).toBe(500);
    expect(json(early)).toEqual({ error: { code: 'INTERNAL', message: expect.any(String) } });
    expect(early.body.toString('utf8')).not.toMatch(/\/|stack|\.ts/);
  });

  it('does not let one case read the attachments of another', async () => {
    const data = Buffer.from('belongs to case 1');
    const { id } = JSON.parse((await upload(data, { name: 'c1.txt' })).body.toString('utf8')) as { id: string };
    const otherCase = await createCase('KNPA-2025-ATT-2');
    expect((await download(id, liaison, otherCase)).status).toBe(404);
    expect((await download(id, analyst)).body.equals(data)).toBe(true);
  });

  it('leaves GraphQL errors to the GraphQL formatter', async () => {
    const response = await node.graphql(GET_CASE, { id: '00000000-0000-4000-8000-000000000000' }, analyst);
    expect(response.status).toBe(200);
    expect(response.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });
});
