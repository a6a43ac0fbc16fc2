// Compact memory for a million chain links: each event verified while streaming leaves 84 bytes
// (seq, where it was read, its hash and prevHash as raw bytes), linked per subject, so links can be
// checked at the end whatever order the export listed the events in.
import type { ChainLink } from '../lib/audit/chain';

const RECORD_BYTES = 84;
const RECORDS_PER_BLOCK = 1 << 16;
const NO_RECORD = 0xffffffff;

const SEQ = 0;
const FILE = 4;
const LINE = 8;
const PREVIOUS_OF_SUBJECT = 12;
const FLAGS = 16;
const HASH = 20;
const PREV_HASH = 52;

const HAS_RECORDED_HASH = 1;
const CONTENT_MATCHES = 2;
const HASH_MALFORMED = 4;
const PREV_HASH_MISSING = 8;
const PREV_HASH_MALFORMED = 16;

const HEX_SHA256 = /^[0-9a-f]{64}$/;

export class ChainLinkStore {
  private readonly blocks: Buffer[] = [];
  private readonly lastOfSubject = new Map<string, number>();
  private readonly files: string[] = [];
  private readonly fileIndex = new Map<string, number>();
  size = 0;

  get subjectCount() {
    return this.lastOfSubject.size;
  }

  subjects(): IterableIterator<string> {
    return this.lastOfSubject.keys();
  }

  has(subject: string) {
    return this.lastOfSubject.has(subject);
  }

  /** Bytes held by the records (the subject map comes on top): 84 per event. */
  get recordBytes() {
    return this.blocks.length * RECORDS_PER_BLOCK * RECORD_BYTES;
  }

  add(subject: string, link: ChainLink, file: string, line: number) {
    const index = this.size;
    const blockIndex = Math.floor(index / RECORDS_PER_BLOCK);
    let block = this.blocks[blockIndex];
    if (!block) {
      block = Buffer.alloc(RECORDS_PER_BLOCK * RECORD_BYTES);
      this.blocks.push(block);
    }
    const at = (index % RECORDS_PER_BLOCK) * RECORD_BYTES;
    let fileNumber = this.fileIndex.get(file);
    if (fileNumber === undefined) {
      fileNumber = this.files.length;
      this.files.push(file);
      this.fileIndex.set(file, fileNumber);
    }
    block.writeUInt32LE(link.seq, at + SEQ);
    block.writeUInt32LE(fileNumber, at + FILE);
    block.writeUInt32LE(line, at + LINE);
    block.writeUInt32LE(this.lastOfSubject.get(subject) ?? NO_RECORD, at + PREVIOUS_OF_SUBJECT);
    let flags = 0;
    if (link.hasRecordedHash) flags |= HAS_RECORDED_HASH;
    if (link.contentMatches) flags |= CONTENT_MATCHES;
    if (HEX_SHA256.test(link.hash)) block.write(link.hash, at + HASH, 32, 'hex');
    else flags |= HASH_MALFORMED;
    if (link.prevHash === undefined) flags |= PREV_HASH_MISSING;
    else if (typeof link.prevHash === 'string' && HEX_SHA256.test(link.prevHash))
      block.write(link.prevHash, at + PREV_HASH, 32, 'hex');
    else flags |= PREV_HASH_MALFORMED;
    block.writeUInt8(flags, at + FLAGS);
    this.lastOfSubject.set(subject, index);
    this.size += 1;
  }

  /** The subject's links, in the order they were read, each with the file and line it came from. */
  linksOf(subject: string): ChainLink[] {
    const links: ChainLink[] = [];
    for (let index = this.lastOfSubject.get(subject) ?? NO_RECORD; index !== NO_RECORD;) {
      const block = this.blocks[Math.floor(index / RECORDS_PER_BLOCK)];
      if (!block) break;
      const at = (index % RECORDS_PER_BLOCK) * RECORD_BYTES;
      const flags = block.readUInt8(at + FLAGS);
      // Malformed values cannot be kept as bytes; these stand-ins equal no hash and not each other.
      const hash =
        flags & HASH_MALFORMED ? '(malformed hash)' : block.toString('hex', at + HASH, at + HASH + 32);
      const prevHash =
        flags & PREV_HASH_MISSING
          ? undefined
          : flags & PREV_HASH_MALFORMED
            ? '(malformed prevHash)'
            : block.toString('hex', at + PREV_HASH, at + PREV_HASH + 32);
      links.push({
        seq: block.readUInt32LE(at + SEQ),
        hash,
        hasRecordedHash: (flags & HAS_RECORDED_HASH) !== 0,
        contentMatches: (flags & CONTENT_MATCHES) !== 0,
        prevHash,
        source: {
          file: this.files[block.readUInt32LE(at + FILE)] ?? '?',
          line: block.readUInt32LE(at + LINE),
        },
      });
      index = block.readUInt32LE(at + PREVIOUS_OF_SUBJECT);
    }
    return links.reverse();
  }
}
