// Does the statement an LRS holds say the same as the one we sent? xAPI's Statement Comparison Requirements
// (xAPI-Data.md § 2.3.1, "Statement Immutability"; docs/xapi-profile.md § The 409 rule): differences that the
// immutability exceptions allow an LRS to make are ignored, every other difference counts. Used to resolve a 409
// (the LRS already holds the id: ours, or someone else's?) and by `trailnote check-lrs` ("what the LRS changed").
import { isRecord } from '../guards';
import { parseIsoDuration } from './duration';

export interface StatementComparison {
  /** True when the LRS holds what we sent, up to the differences xAPI allows. */
  same: boolean;
  /** Differences that make the statements different: `"<path>: sent <a>, the LRS holds <b>"`. */
  differences: string[];
  /** Differences xAPI allows an LRS to make (reformatted timestamp, duration precision, definitions...). */
  allowed: string[];
}

/** Properties the LRS assigns or may assign (§ 2.3.1 b1), and attachments (b6): never compared. */
const LRS_OWNED = new Set(['stored', 'authority', 'version', 'attachments']);

export function compareStatements(sent: unknown, stored: unknown): StatementComparison {
  const differences: string[] = [];
  const allowed: string[] = [];
  if (!isRecord(sent) || !isRecord(stored)) {
    return { same: false, differences: ['statement: not a JSON object'], allowed };
  }
  const walker = new Walker(differences, allowed);
  for (const key of union(sent, stored)) {
    if (LRS_OWNED.has(key)) continue;
    walker.value(sent[key], stored[key], key);
  }
  return { same: differences.length === 0, differences, allowed };
}

/** compareStatements(...).same */
export function sameStatement(sent: unknown, stored: unknown): boolean {
  return compareStatements(sent, stored).same;
}

class Walker {
  constructor(
    private readonly differences: string[],
    private readonly allowed: string[],
  ) {}

  value(a: unknown, b: unknown, path: string): void {
    const leaf = path
      .split('.')
      .at(-1)!
      .replace(/\[\d+\]$/, '');
    if (path === 'timestamp' || (path.endsWith('.timestamp') && path.startsWith('object.'))) {
      return this.timestamp(a, b, path);
    }
    if (path === 'id' || path === 'object.id' || path === 'context.registration') {
      if (path !== 'object.id' || isUuid(a)) return this.caseless(a, b, path);
    }
    if (leaf === 'duration' && path.endsWith('result.duration')) return this.duration(a, b, path);
    // § 2.3.1 b2 and b3: Activity Definitions and the Verb's display are not part of the statement (so the
    // language maps we send, all inside them, are never compared).
    if (leaf === 'definition' || path === 'verb.display' || path.endsWith('.verb.display')) {
      if (!equalJson(a, b)) this.allowed.push(`${path}: the LRS returns another version of it`);
      return;
    }
    if (leaf === 'mbox' && typeof a === 'string' && typeof b === 'string') {
      return this.scalar(normaliseMbox(a), normaliseMbox(b), path, a !== b);
    }
    if (leaf === 'member' && Array.isArray(a) && Array.isArray(b)) {
      // § 2.3.1 b5: a Group's members are unordered.
      return this.scalar(sortedJson(a), sortedJson(b), path);
    }
    if (Array.isArray(a) && Array.isArray(b)) {
      if (a.length !== b.length) return this.differ(a, b, path);
      a.forEach((item, i) => this.value(item, b[i], `${path}[${i}]`));
      return;
    }
    if (isRecord(a) && isRecord(b)) {
      for (const key of union(a, b)) {
        // An LRS may spell out the default objectType (Agent for agents, Activity for activities).
        if (key === 'objectType' && defaultObjectType(a[key], b[key])) continue;
        this.value(a[key], b[key], `${path}.${key}`);
      }
      return;
    }
    this.scalar(a, b, path);
  }

  private timestamp(a: unknown, b: unknown, path: string): void {
    const ta = typeof a === 'string' ? instantMs(a) : undefined;
    const tb = typeof b === 'string' ? instantMs(b) : undefined;
    // § 2.3.1 b4: a timestamp may come back in another zone or format; the instant must not change.
    if (ta !== undefined && ta === tb) {
      if (a !== b) this.allowed.push(`${path}: ${String(a)} is returned as ${String(b)}`);
      return;
    }
    this.differ(a, b, path);
  }

  private duration(a: unknown, b: unknown, path: string): void {
    const da = typeof a === 'string' ? parseIsoDuration(a) : undefined;
    const db = typeof b === 'string' ? parseIsoDuration(b) : undefined;
    if (a === b) return;
    // xAPI-Data.md § 4.6: precision beyond 0.01 s is not compared (an LRS may truncate to it). One hundredth
    // of tolerance more, for an LRS that truncates with a floating-point error (ADL's: PT23M32.37S → .36S).
    if (da !== undefined && db !== undefined && Math.abs(centis(da) - centis(db)) <= 1) {
      this.allowed.push(`${path}: ${String(a)} is returned as ${String(b)} (0.01 s precision)`);
      return;
    }
    this.differ(a, b, path);
  }

  private caseless(a: unknown, b: unknown, path: string): void {
    if (typeof a === 'string' && typeof b === 'string') {
      return this.scalar(a.toLowerCase(), b.toLowerCase(), path, a !== b);
    }
    this.scalar(a, b, path);
  }

  /** Compares already-normalised values; `reformatted` notes an allowed difference in their spelling. */
  private scalar(a: unknown, b: unknown, path: string, reformatted = false): void {
    if (equalJson(a, b)) {
      if (reformatted) this.allowed.push(`${path}: returned with other letter case or order`);
      return;
    }
    this.differ(a, b, path);
  }

  private differ(a: unknown, b: unknown, path: string): void {
    this.differences.push(`${path}: sent ${show(a)}, the LRS holds ${show(b)}`);
  }
}

function union(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
}

function defaultObjectType(a: unknown, b: unknown): boolean {
  const isDefault = (v: unknown) => v === undefined || v === 'Agent' || v === 'Activity';
  return isDefault(a) && isDefault(b);
}

/** `mailto:` and the domain are case-insensitive (§ 2.3.1 b7); the local part is not. */
function normaliseMbox(mbox: string): string {
  const m = /^(mailto):([^@]*)@(.*)$/i.exec(mbox);
  return m ? `mailto:${m[2]}@${m[3]!.toLowerCase()}` : mbox;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isUuid(v: unknown): boolean {
  return typeof v === 'string' && UUID.test(v);
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/i;

/** The instant in whole milliseconds (an LRS may store more digits or fewer zones; ms is what we send). */
function instantMs(text: string): number | undefined {
  if (!RFC3339.test(text.trim())) return undefined;
  const t = Date.parse(text.trim());
  return Number.isNaN(t) ? undefined : t;
}

function centis(seconds: number): number {
  // Truncate as § 4.6 allows; the epsilon keeps 1.15 s (1.149999… in binary) at 115.
  return Math.floor(seconds * 100 + 1e-6);
}

function sortedJson(items: unknown[]): string {
  return `[${items.map(stableJson).sort().join(',')}]`;
}

function equalJson(a: unknown, b: unknown): boolean {
  return stableJson(a) === stableJson(b);
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (isRecord(value)) {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson(value[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

function show(v: unknown): string {
  if (v === undefined) return 'nothing';
  const text = typeof v === 'string' ? v : stableJson(v);
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}
