/** Python source text: literals for sleeps and strings, and a line buffer. */

/** A sleep literal: seconds already scaled, fixed 6 decimals, trailing zeros trimmed. */
export function lit(seconds: number): string {
  let s = seconds.toFixed(6);
  s = s.replace(/0+$/, '');
  if (s.endsWith('.')) s += '0';
  return s;
}
/** The value a literal stands for (so nominal sums match what the files really sleep). */
export function litValue(seconds: number): number {
  return Number(lit(seconds));
}
export function w2(x: number): string {
  return x.toFixed(2);
}
export function pascal(snake: string): string {
  return snake
    .split('_')
    .map((p) => (p[0] ?? '').toUpperCase() + p.slice(1))
    .join('');
}
export function pyStr(s: string): string {
  return JSON.stringify(s); // plain ASCII words only: JSON and Python agree
}

export class Lines {
  readonly out: string[] = [];
  add(...lines: string[]): void {
    this.out.push(...lines);
  }
  blank(n = 1): void {
    for (let i = 0; i < n; i++) this.out.push('');
  }
  text(): string {
    // exactly one trailing newline, no trailing blank lines
    while (this.out.length > 0 && this.out[this.out.length - 1] === '') this.out.pop();
    return this.out.join('\n') + '\n';
  }
}

export function sleepLine(seconds: number): string {
  return `time.sleep(${lit(seconds)})`;
}
