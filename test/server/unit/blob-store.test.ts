import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { FileBlobStore } from '../../../src/server/store/blob-store';
import { tempDir } from '../../helpers/server';

describe('content-addressed blob store', () => {
  test('stores bytes under their SHA-256, once, with no temporary files left', async () => {
    const root = tempDir();
    const store = new FileBlobStore(root);
    try {
      const bytes = Buffer.from('Subject: hello\r\n\r\nbody');
      const sha = createHash('sha256').update(bytes).digest('hex'); // checked independently of the store
      const results = await Promise.all([store.put(bytes), store.put(bytes), store.put(Buffer.from(bytes))]);
      expect(results).toEqual([{ sha256: sha, size: bytes.length }, { sha256: sha, size: bytes.length }, { sha256: sha, size: bytes.length }]);
      const folder = path.join(root, sha.slice(0, 2));
      expect(fs.readdirSync(folder)).toEqual([`${sha}.eml`]);
      expect(Buffer.compare((await store.get(sha)) ?? Buffer.alloc(0), bytes)).toBe(0);
      expect(await store.get('0'.repeat(64))).toBeUndefined();
      expect(await store.get('../../etc/passwd')).toBeUndefined();
    } finally {
      await store.close();
    }
  });

  test('a store in a new process finds what an earlier one wrote', async () => {
    const root = tempDir();
    const first = new FileBlobStore(root);
    const bytes = Buffer.from('From: a@example.com\r\n\r\nx');
    const { sha256 } = await first.put(bytes);
    await first.close();
    const second = new FileBlobStore(root);
    try {
      expect(await second.put(bytes)).toEqual({ sha256, size: bytes.length });
      expect(Buffer.compare((await second.get(sha256)) ?? Buffer.alloc(0), bytes)).toBe(0);
    } finally {
      await second.close();
    }
  });

  test('a write that cannot happen is an error, not a silent success', async () => {
    const root = tempDir();
    fs.writeFileSync(path.join(root, 'blocked'), 'a file where the store wants a folder');
    const store = new FileBlobStore(path.join(root, 'blocked'));
    try {
      await expect(store.put(Buffer.from('x'))).rejects.toThrow(/could not store the message/);
    } finally {
      await store.close();
    }
  });
});
