/** ProgressStream is where a progress bar draws: a terminal, or nothing is drawn. */
export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

/**
 * ProgressBar draws one line on a terminal (stderr), at most ten times a second: a bar, how many of how many, the rate
 * and the time left. On anything but a terminal it draws nothing, so that logs and pipes stay clean.
 */
export class ProgressBar {
  readonly #stream: ProgressStream;
  readonly #label: string;
  readonly #started = performance.now();
  #drawnAt = 0;
  #drawn = false;

  constructor(stream: ProgressStream, label: string) {
    this.#stream = stream;
    this.#label = label;
  }

  /** update shows `done` of `total`. */
  update(done: number, total: number): void {
    if (!this.#stream.isTTY) return;
    const now = performance.now();
    if (now - this.#drawnAt < 100 && done < total) return;
    this.#drawnAt = now;
    const seconds = (now - this.#started) / 1000;
    const rate = done / Math.max(seconds, 1e-3);
    const left = rate > 0 && done < total ? ` · ${Math.ceil((total - done) / rate)} s left` : '';
    const text = ` ${count(done)}/${count(total)} ${this.#label} · ${count(Math.round(rate))}/s${left}`;
    const width = Math.max(10, Math.min(40, (this.#stream.columns ?? 80) - text.length - 8));
    const filled = total > 0 ? Math.round((done / total) * width) : width;
    const percent = total > 0 ? Math.floor((done / total) * 100) : 100;
    this.#stream.write(
      `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(percent).padStart(3)}%${text}\x1b[K`,
    );
    this.#drawn = true;
  }

  /** clear removes the line, before the report is printed. */
  clear(): void {
    if (this.#drawn) this.#stream.write('\r\x1b[K');
    this.#drawn = false;
  }
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}
