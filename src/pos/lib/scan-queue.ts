/**
 * Keyboard-wedge scanners type a code as a burst of characters ending in Enter,
 * often several codes in quick succession, faster than the server answers.
 * `ScanQueue` takes each code as it is entered and hands them to `process` one
 * at a time, in the order scanned: the second scan waits for the first one's
 * answer, so lines land in order and a raised quantity is never lost to a race.
 * A failed scan does not stop the ones after it.
 */
export class ScanQueue {
  private chain: Promise<void> = Promise.resolve()
  private pending = 0

  constructor(
    private readonly process: (code: string) => Promise<void>,
    private readonly onIdleChange?: (busy: boolean, pending: number) => void
  ) {}

  push(raw: string): boolean {
    const code = normalizeScan(raw)
    if (!code) return false
    this.pending++
    this.onIdleChange?.(true, this.pending)
    this.chain = this.chain
      .then(() => this.process(code))
      .catch(() => undefined)
      .finally(() => {
        this.pending--
        this.onIdleChange?.(this.pending > 0, this.pending)
      })
    return true
  }

  /** Resolves when every code pushed so far has been processed. */
  idle(): Promise<void> {
    return this.chain
  }

  get size() {
    return this.pending
  }
}

/** What a scan field holds when Enter comes: trimmed, control characters (a scanner's prefix or suffix) removed. */
export function normalizeScan(raw: string): string {
  // eslint-disable-next-line no-control-regex
  return raw.replace(/[\u0000-\u001f\u007f]/g, "").trim()
}

/**
 * Splits what a scanner typed into a field, should several codes arrive before
 * the page handled the Enter of the first (a paste, a very fast burst):
 * every line is a code.
 */
export function splitScans(raw: string): string[] {
  return raw
    .split(/\r\n|\r|\n/)
    .map(normalizeScan)
    .filter(Boolean)
}
