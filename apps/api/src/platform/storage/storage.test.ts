import assert from 'node:assert/strict';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { createLocalStorage } from './local-storage.js';
import { createS3Storage } from './s3-storage.js';
import type { FileStorage } from './file-storage.js';

async function roundTrip(storage: FileStorage) {
  const bytes = Buffer.from('nội dung tệp');
  await storage.put('2026/11/abc.pdf', bytes, 'application/pdf');
  assert.deepEqual(await storage.get('2026/11/abc.pdf'), bytes);
  await storage.delete('2026/11/abc.pdf');
  assert.equal(await storage.get('2026/11/abc.pdf'), undefined);
  await storage.delete('2026/11/abc.pdf');
}

describe('local storage', () => {
  test('put, get, delete by key; missing keys are undefined; no temp files left', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'motcua-files-'));
    try {
      const storage = createLocalStorage(dir);
      await roundTrip(storage);
      await storage.put('a/b.png', Buffer.from('x'), 'image/png');
      assert.deepEqual(await readdir(path.join(dir, 'a')), ['b.png']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('keys that would leave the root are refused', async () => {
    const storage = createLocalStorage(path.join(tmpdir(), 'motcua-never'));
    await assert.rejects(storage.put('../x', Buffer.from('x'), 'text/plain'), /unsafe/);
    await assert.rejects(storage.get('/etc/passwd'), /unsafe/);
  });
});

/** A fake S3: path-style PUT/GET/DELETE of objects in memory, enough to check the requests. */
async function fakeS3() {
  const objects = new Map<string, Buffer>();
  const seen: Array<{ method: string; url: string; authorized: boolean }> = [];
  const body = async (req: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    return Buffer.concat(chunks);
  };
  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://x').pathname;
      seen.push({
        method: req.method ?? '',
        url,
        authorized: /AWS4-HMAC-SHA256 Credential=test-key\//.test(req.headers.authorization ?? ''),
      });
      if (req.method === 'PUT') {
        let bytes = await body(req);
        // The SDK may send aws-chunked bodies; unwrap "size;chunk-signature=...\r\n<data>\r\n".
        if (/aws-chunked/.test(String(req.headers['content-encoding'] ?? ''))) {
          const parts: Buffer[] = [];
          let at = 0;
          while (at < bytes.length) {
            const eol = bytes.indexOf('\r\n', at);
            const size = parseInt(bytes.subarray(at, eol).toString().split(';')[0]!, 16);
            if (!size) break;
            parts.push(bytes.subarray(eol + 2, eol + 2 + size));
            at = eol + 2 + size + 2;
          }
          bytes = Buffer.concat(parts);
        }
        objects.set(url, bytes);
        res.writeHead(200, { etag: '"1"' }).end();
      } else if (req.method === 'GET') {
        const found = objects.get(url);
        if (!found) {
          res
            .writeHead(404, { 'content-type': 'application/xml' })
            .end('<Error><Code>NoSuchKey</Code><Message>missing</Message></Error>');
        } else res.writeHead(200, { 'content-length': found.length }).end(found);
      } else if (req.method === 'DELETE') {
        objects.delete(url);
        res.writeHead(204).end();
      } else res.writeHead(405).end();
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    seen,
    objects,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('S3-compatible storage', () => {
  test('signed path-style requests to the configured bucket', async () => {
    const s3 = await fakeS3();
    try {
      const storage = createS3Storage({
        endpoint: s3.endpoint,
        region: 'us-east-1',
        bucket: 'motcua-files',
        accessKeyId: 'test-key',
        secretAccessKey: 'test-secret',
        forcePathStyle: true,
      });
      await roundTrip(storage);
      assert.ok(s3.seen.length >= 4);
      assert.ok(s3.seen.every((r) => r.url === '/motcua-files/2026/11/abc.pdf'));
      assert.ok(
        s3.seen.every((r) => r.authorized),
        'every request signed',
      );
    } finally {
      await s3.close();
    }
  });
});
