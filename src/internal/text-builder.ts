// Text that arrives in many small pieces, for the accumulators.

/** Pieces joined at a time by `TextBuilder`. */
const TEXT_BATCH = 256;

/**
 * Text arriving in many small pieces (one token per chunk). `text += piece` per chunk would keep each
 * piece plus a rope node in V8, about 64 bytes per chunk whatever the piece's length: several times
 * the text itself, growing with every chunk of a long stream. Joining the pieces in batches keeps
 * little more than the text.
 */
export class TextBuilder {
  private text = '';
  private pending: string[] = [];

  append(piece: string): void {
    this.pending.push(piece);
    if (this.pending.length >= TEXT_BATCH) this.flush();
  }

  toString(): string {
    this.flush();
    return this.text;
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    this.text += this.pending.join('');
    this.pending = [];
  }
}
