/** Splits a byte stream into complete lines, keeping a partial last line until more data arrives. */
export class LineSplitter {
  private pending = '';

  push(chunk: string): string[] {
    const parts = (this.pending + chunk).split('\n');
    this.pending = parts.pop() ?? '';
    return parts.map((line) => line.replace(/\r$/, ''));
  }

  /** Whatever is left when the stream ends. */
  flush(): string[] {
    const rest = this.pending;
    this.pending = '';
    return rest === '' ? [] : [rest];
  }
}

const PINO_LEVELS: Readonly<Record<number, string>> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO',
  40: 'WARN',
  50: 'ERROR',
  60: 'FATAL',
};

/** Fields every line of ours carries; repeating them in a terminal adds nothing. */
const HIDDEN_FIELDS = new Set(['level', 'time', 'msg', 'service', 'instance', 'pid', 'hostname']);

function formatValue(value: unknown): string {
  if (typeof value === 'string') return /\s/.test(value) ? JSON.stringify(value) : value;
  if (value !== null && typeof value === 'object' && 'message' in value) {
    return JSON.stringify((value as { message: unknown }).message);
  }
  return JSON.stringify(value);
}

/** `12:00:01 INFO  connected to NATS server=127.0.0.1:4222`, or undefined when the line is not a pino log. */
export function prettyLogLine(line: string): string | undefined {
  if (!line.startsWith('{')) return undefined;
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  if (typeof record.level !== 'number' || typeof record.msg !== 'string') return undefined;
  const level = (PINO_LEVELS[record.level] ?? String(record.level)).padEnd(5);
  const time = typeof record.time === 'string' ? record.time.slice(11, 19) : '';
  const fields = Object.entries(record)
    .filter(([key]) => !HIDDEN_FIELDS.has(key))
    .map(([key, value]) => `${key}=${formatValue(value)}`);
  return [time, level, record.msg, ...fields].filter((part) => part !== '').join(' ');
}

export interface PrefixOptions {
  /** Column width of the name, so the output lines up. */
  readonly nameWidth: number;
  /** Pretty-print JSON log lines (for a terminal); otherwise lines pass through unchanged. */
  readonly pretty: boolean;
}

/** `gateway   | <line>`: one line of a child's output, labelled with its name. */
export function prefixLine(name: string, line: string, options: PrefixOptions): string {
  const body = options.pretty ? (prettyLogLine(line) ?? line) : line;
  return `${name.padEnd(options.nameWidth)} | ${body}`;
}
