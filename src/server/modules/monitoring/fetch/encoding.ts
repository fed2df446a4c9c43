/**
 * Bytes → text for fetched pages and feeds.
 *
 * Why this exists: Vietnamese sites are a museum of encodings. Old provincial portals still serve
 * Windows-1258 (which writes tones as separate combining marks), some CMSs label UTF-8 pages
 * "ISO-8859-1" because a default was never changed, and feeds carry their own XML declaration that
 * disagrees with the HTTP header. Trusting the header alone produces mojibake ("Thá»§ tÆ°á»›ng") that
 * then poisons search, deduplication and topic detection downstream. So the order is:
 *
 *   1. a byte-order mark (it cannot lie),
 *   2. the document's own declaration (XML `encoding=`, then HTML `<meta charset>`/http-equiv),
 *   3. the Content-Type header,
 *   4. a validity check that overrides the label when the bytes prove it wrong: "UTF-8" that is not
 *      valid UTF-8 becomes Windows-1258 (or 1252 if 1258 cannot represent it), and a Latin label on
 *      bytes that are valid multi-byte UTF-8 becomes UTF-8 (real Latin-1 text is essentially never
 *      valid UTF-8 by accident).
 *
 * The result is always NFC so that "ệ" typed on a Mac, decoded from Windows-1258 or taken from a
 * feed compares equal everywhere else in the product.
 */
import iconv from 'iconv-lite';

export type EncodingSource = 'bom' | 'xml' | 'meta' | 'header' | 'sniff' | 'default';

export interface DecodedText {
  text: string;
  /** The encoding actually used, as an iconv-lite name (lower case), e.g. "utf-8", "windows-1258". */
  encoding: string;
  /** Where the decision came from. */
  source: EncodingSource;
  /** The label that was declared but overridden by the validity check, if any. */
  overridden?: string;
}

/** How many leading bytes are searched for an XML declaration or a meta charset (HTML uses 1024; pages often put it later). */
const PRESCAN_BYTES = 4096;

/** Labels that mean "a single-byte Latin encoding"; a UTF-8 body under one of these is almost always a server misconfiguration. */
const LATIN_FAMILY = new Set(['windows-1252', 'windows-1258', 'iso-8859-1', 'iso-8859-15', 'us-ascii']);

/**
 * Map a charset label (from a header, meta tag or XML declaration) to an iconv-lite encoding name, or
 * null when the label is unknown or unusable. Follows the WHATWG aliases where it matters: Latin-1 and
 * ASCII are read as Windows-1252 (a superset that also has “smart quotes”).
 */
export function normaliseCharset(label: string | null | undefined): string | null {
  if (!label) return null;
  const l = label.trim().replace(/^["']|["']$/g, '').toLowerCase();
  if (!l) return null;
  if (l === 'utf8' || l === 'utf-8' || l === 'unicode-1-1-utf-8') return 'utf-8';
  if (l === 'utf-16' || l === 'utf-16le' || l === 'unicode' || l === 'ucs-2') return 'utf-16le';
  if (l === 'utf-16be' || l === 'unicodefffe') return 'utf-16be';
  if (['iso-8859-1', 'iso8859-1', 'latin1', 'latin-1', 'l1', 'us-ascii', 'ascii', 'ansi_x3.4-1968', 'cp1252', 'windows-1252', 'x-cp1252', 'cp819', 'ibm819'].includes(l)) {
    return 'windows-1252';
  }
  if (l === 'cp1258' || l === 'windows-1258' || l === 'x-cp1258') return 'windows-1258';
  // Legacy Vietnamese font encodings (TCVN3/ABC, VNI, VISCII) are not supported by iconv-lite except VISCII.
  if (l === 'viscii' || l === 'csviscii') return 'viscii';
  if (!iconv.encodingExists(l)) return null;
  return l;
}

/** The charset parameter of a Content-Type header value, or null. */
export function charsetFromContentType(contentType: string | null | undefined): string | null {
  if (!contentType) return null;
  const m = /;\s*charset\s*=\s*("?)([^";,\s]+)\1/i.exec(contentType);
  return m ? (m[2] ?? null) : null;
}

function startsWith(buf: Uint8Array, bytes: number[]): boolean {
  if (buf.length < bytes.length) return false;
  return bytes.every((b, i) => buf[i] === b);
}

function detectBom(buf: Uint8Array): { encoding: string; length: number } | null {
  if (startsWith(buf, [0xef, 0xbb, 0xbf])) return { encoding: 'utf-8', length: 3 };
  if (startsWith(buf, [0xff, 0xfe])) return { encoding: 'utf-16le', length: 2 };
  if (startsWith(buf, [0xfe, 0xff])) return { encoding: 'utf-16be', length: 2 };
  return null;
}

/** A BOM-less UTF-16 XML document still starts with "<?" in its own encoding; that is enough to recognise it. */
function sniffUtf16(buf: Uint8Array): string | null {
  if (startsWith(buf, [0x3c, 0x00, 0x3f, 0x00])) return 'utf-16le';
  if (startsWith(buf, [0x00, 0x3c, 0x00, 0x3f])) return 'utf-16be';
  return null;
}

/** Encoding declared by the document itself: the XML declaration first, then an HTML meta tag. */
function declaredInDocument(buf: Uint8Array): { label: string; source: 'xml' | 'meta' } | null {
  // Latin-1 keeps every byte as one character, so ASCII markup can be searched whatever the real encoding.
  const head = Buffer.from(buf.buffer, buf.byteOffset, Math.min(buf.length, PRESCAN_BYTES)).toString('latin1');
  const xml = /^\s*<\?xml\s[^>]*?encoding\s*=\s*["']\s*([A-Za-z0-9._:-]+)\s*["']/.exec(head);
  if (xml?.[1]) return { label: xml[1], source: 'xml' };
  const metaCharset = /<meta\s[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)/i.exec(head);
  if (metaCharset?.[1]) return { label: metaCharset[1], source: 'meta' };
  return null;
}

function isValidUtf8(buf: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(buf);
    return true;
  } catch {
    return false;
  }
}

function hasNonAscii(buf: Uint8Array): boolean {
  for (let i = 0; i < buf.length; i++) if ((buf[i] as number) >= 0x80) return true;
  return false;
}

function decodeWith(buf: Uint8Array, encoding: string): string {
  if (encoding === 'utf-8') return new TextDecoder('utf-8').decode(buf);
  return iconv.decode(Buffer.from(buf.buffer, buf.byteOffset, buf.length), encoding, { stripBOM: false });
}

/**
 * Bytes that are not UTF-8: Windows-1258 first (the Vietnamese code page; its combining tones become
 * precomposed letters after NFC), Windows-1252 if 1258 leaves holes (U+FFFD) where 1252 does not.
 */
function legacyFallback(buf: Uint8Array): { text: string; encoding: string } {
  const vn = decodeWith(buf, 'windows-1258');
  if (!vn.includes('\uFFFD')) return { text: vn, encoding: 'windows-1258' };
  const west = decodeWith(buf, 'windows-1252');
  if (!west.includes('\uFFFD')) return { text: west, encoding: 'windows-1252' };
  return { text: vn, encoding: 'windows-1258' };
}

function finish(text: string, encoding: string, source: EncodingSource, overridden?: string): DecodedText {
  // A BOM that survived (e.g. UTF-8 BOM inside a body declared as something else) is noise.
  const clean = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const out: DecodedText = { text: clean.normalize('NFC'), encoding, source };
  if (overridden) out.overridden = overridden;
  return out;
}

/** Decode a response body. `contentType` is the HTTP Content-Type header, if any. Never throws. */
export function decodeBody(bytes: Uint8Array, contentType?: string | null): DecodedText {
  const bom = detectBom(bytes);
  if (bom) return finish(decodeWith(bytes.subarray(bom.length), bom.encoding), bom.encoding, 'bom');

  const utf16 = sniffUtf16(bytes);
  if (utf16) return finish(decodeWith(bytes, utf16), utf16, 'sniff');

  const inDoc = declaredInDocument(bytes);
  const fromHeader = charsetFromContentType(contentType);
  let declared: { encoding: string; source: EncodingSource; label: string } | null = null;
  for (const candidate of [inDoc, fromHeader ? { label: fromHeader, source: 'header' as const } : null]) {
    if (!candidate) continue;
    let encoding = normaliseCharset(candidate.label);
    // A document that reached this point has no BOM and is ASCII-compatible, so a "UTF-16" label is
    // false (browsers treat it as UTF-8 for the same reason).
    if (encoding === 'utf-16le' || encoding === 'utf-16be') encoding = 'utf-8';
    if (encoding) {
      declared = { encoding, source: candidate.source, label: candidate.label };
      break;
    }
  }

  if (!declared) {
    if (!hasNonAscii(bytes) || isValidUtf8(bytes)) return finish(decodeWith(bytes, 'utf-8'), 'utf-8', 'default');
    const fb = legacyFallback(bytes);
    return finish(fb.text, fb.encoding, 'sniff');
  }

  if (declared.encoding === 'utf-8') {
    if (isValidUtf8(bytes)) return finish(decodeWith(bytes, 'utf-8'), 'utf-8', declared.source);
    const fb = legacyFallback(bytes);
    return finish(fb.text, fb.encoding, 'sniff', declared.label);
  }

  if (LATIN_FAMILY.has(declared.encoding) && hasNonAscii(bytes) && isValidUtf8(bytes)) {
    return finish(decodeWith(bytes, 'utf-8'), 'utf-8', 'sniff', declared.label);
  }
  return finish(decodeWith(bytes, declared.encoding), declared.encoding, declared.source);
}

/** Convenience: just the text. */
export function decodeToString(bytes: Uint8Array, contentType?: string | null): string {
  return decodeBody(bytes, contentType).text;
}
