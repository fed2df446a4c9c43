import fs from 'node:fs/promises';
import path from 'node:path';
import { randomUUID, createHash } from 'node:crypto';
import type { DbOrTx } from './db.ts';
import { AppError } from './errors.ts';
import { storedFiles } from './platform.tables.ts';

/** File types the product accepts, recognised by their first bytes rather than by the name a client sent. */
const signatures: { mime: string; ext: string[]; test: (b: Buffer) => boolean }[] = [
  { mime: 'application/pdf', ext: ['pdf'], test: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
  {
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ext: ['docx'],
    test: (b) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04,
  },
  {
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ext: ['xlsx'],
    test: (b) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04,
  },
  { mime: 'image/png', ext: ['png'], test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { mime: 'image/jpeg', ext: ['jpg', 'jpeg'], test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { mime: 'image/webp', ext: ['webp'], test: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP' },
  {
    mime: 'text/plain',
    ext: ['txt', 'csv', 'jsonl'],
    // UTF-16 text (with its byte-order mark) has NUL bytes; other text must not.
    test: (b) => (b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff) || !b.subarray(0, 4096).includes(0),
  },
];

export interface StoreFileInput {
  data: Buffer;
  originalName: string;
  tenantId: string | null;
  createdBy: string | null;
  /** Allowed MIME types; defaults to every known type. */
  allowed?: string[];
  maxBytes: number;
}

export interface StoredFile {
  sha256: string;
  size: number;
  mimeType: string;
  originalName: string;
}

export function detectFileType(data: Buffer, originalName: string): string | undefined {
  const ext = path.extname(originalName).slice(1).toLowerCase();
  const byExt = signatures.find((s) => s.ext.includes(ext) && s.test(data));
  return byExt?.mime;
}

/** Uploads live on disk under <dataDir>/files, named by their SHA-256: the same content is stored once. */
export class FileStore {
  constructor(private readonly root: string) {}

  pathFor(sha: string): string {
    return path.join(this.root, sha.slice(0, 2), sha.slice(2, 4), sha);
  }

  async store(tx: DbOrTx, input: StoreFileInput): Promise<StoredFile> {
    if (input.data.length === 0) throw new AppError('validation_failed', 'Tệp rỗng.');
    if (input.data.length > input.maxBytes) {
      throw new AppError('payload_too_large', `Tệp vượt quá ${Math.floor(input.maxBytes / 1024 / 1024)} MB.`, { size: input.data.length });
    }
    const mimeType = detectFileType(input.data, input.originalName);
    if (!mimeType || (input.allowed && !input.allowed.includes(mimeType))) {
      throw new AppError('unsupported_media_type', 'Loại tệp không được hỗ trợ hoặc nội dung không khớp với phần mở rộng.', {
        name: input.originalName,
      });
    }
    const sha = createHash('sha256').update(input.data).digest('hex');
    const target = this.pathFor(sha);
    await fs.mkdir(path.dirname(target), { recursive: true });
    try {
      await fs.access(target);
    } catch {
      // Write to a temporary name and rename, so a crash never leaves a half-written file under its final name.
      const tmp = `${target}.${randomUUID()}.tmp`;
      await fs.writeFile(tmp, input.data);
      await fs.rename(tmp, target);
    }
    await tx
      .insert(storedFiles)
      .values({ sha256: sha, tenantId: input.tenantId, size: input.data.length, mimeType, originalName: input.originalName, createdBy: input.createdBy })
      .onConflictDoNothing();
    return { sha256: sha, size: input.data.length, mimeType, originalName: input.originalName };
  }

  async read(sha: string): Promise<Buffer> {
    if (!/^[0-9a-f]{64}$/.test(sha)) throw new AppError('not_found', 'Không tìm thấy tệp.');
    try {
      return await fs.readFile(this.pathFor(sha));
    } catch {
      throw new AppError('not_found', 'Không tìm thấy tệp.');
    }
  }
}
