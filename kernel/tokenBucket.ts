/** A token bucket: `rate` tokens a second, at most `capacity` saved up. */
export class TokenBucket {
  private tokens: number;
  private updated = performance.now();

  constructor(private readonly rate: number, private readonly capacity: number) {
    this.tokens = capacity;
  }

  /** Milliseconds until `n` tokens are there (0 when they are); `n` beyond capacity waits for a full bucket. */
  waitMs(n: number): number {
    this.refill();
    const needed = Math.min(n, this.capacity) - this.tokens;
    return needed <= 0 ? 0 : Math.ceil((needed / this.rate) * 1000);
  }

  take(n: number): void {
    this.refill();
    this.tokens -= Math.min(n, this.capacity);
  }

  private refill(): void {
    const now = performance.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.updated) / 1000) * this.rate);
    this.updated = now;
  }
}
