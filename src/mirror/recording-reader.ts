import { RecordReader } from '../audit/record-reader.ts';

/**
 * RecordingReader reads through another reader and hands every answer it got on: the mirror reads the site's API with
 * the audit's own code (readSite), so that it keeps exactly what an audit of the mirror will ask for.
 */
export class RecordingReader extends RecordReader {
  readonly #inner: RecordReader;
  readonly #onRead: (path: string, body: Uint8Array) => void;

  constructor(inner: RecordReader, onRead: (path: string, body: Uint8Array) => void) {
    super(inner.base);
    this.#inner = inner;
    this.#onRead = onRead;
  }

  protected async fetch(path: string, maxBytes: number): Promise<Uint8Array | null> {
    const body = await this.#inner.get(path, maxBytes);
    if (body !== null) this.#onRead(path, body);
    return body;
  }
}
