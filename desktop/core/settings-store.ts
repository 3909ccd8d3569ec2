/**
 * The learner's own settings, kept as one JSON file in the app's user-data folder: their settings document
 * (the policy shape, docs/policy.md § Shape), this install's pseudonym id, and the capture pause. Secrets the learner
 * enters (their LRS password or token) are stored only encrypted, through a SecretBox that the Electron adapter
 * implements with `safeStorage`; without encryption nothing secret is written, never plain text.
 */
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { readPausedUntil } from '../../shared/learner/pause';
import {
  validatePolicy,
  type DestinationEntry,
  type PolicyDocument,
  type PolicyIssue,
} from '../../shared/policy';
import { newInstallId } from '../../shared/xapi';

/** Encrypts short secrets for this OS user (Electron: safeStorage, base64 of its buffers). */
export interface SecretBox {
  /** False when the OS offers no real encryption (e.g. Linux without a keyring: safeStorage's basic_text). */
  isAvailable(): boolean;
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
}

export class EncryptionUnavailableError extends Error {
  override name = 'EncryptionUnavailableError';
  constructor() {
    super(
      'This computer offers no way to encrypt saved secrets (no system keyring), so Trailnote will not store them in plain text.',
    );
  }
}

/**
 * The settings file could not be written (a full disk, a read-only folder): said in one message for the form,
 * with the previous file and the settings in use left as they were.
 */
export class SettingsNotSavedError extends Error {
  override name = 'SettingsNotSavedError';
  constructor(cause: unknown) {
    const code = (cause as NodeJS.ErrnoException | undefined)?.code;
    const why =
      code === 'ENOSPC' || code === 'EDQUOT'
        ? 'the disk is full'
        : code === 'EROFS' || code === 'EACCES' || code === 'EPERM'
          ? "the settings folder is read-only or not this user's"
          : `the settings file could not be written (${cause instanceof Error ? cause.message : String(cause)})`;
    super(`Your settings could not be saved: ${why}. The previous settings are kept and still used.`, {
      cause,
    });
  }
}

export interface TextFile {
  read(): Promise<string | undefined>;
  /** Replaces the whole file at once (a crash leaves the old or the new file, never half of one). */
  write(text: string): Promise<void>;
}

/**
 * The file on disk: written to a sibling temporary file, flushed, then renamed over the old one. A write that
 * fails (a full disk) removes its temporary file and leaves the old one as it was.
 */
export function diskFile(path: string): TextFile {
  return {
    async read() {
      try {
        return await readFile(path, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
    async write(text) {
      await mkdir(dirname(path), { recursive: true });
      const temporary = `${path}.${process.pid}.tmp`;
      try {
        const handle = await open(temporary, 'w', 0o600);
        try {
          await handle.writeFile(text, 'utf8');
          await handle.sync(); // on disk before it replaces the old file (a power cut leaves one whole file)
        } finally {
          await handle.close();
        }
        await rename(temporary, path);
      } catch (error) {
        await rm(temporary, { force: true }).catch(() => undefined);
        throw error;
      }
    },
  };
}

type SecretField = 'password' | 'token';
const SECRET_FIELDS: readonly SecretField[] = ['password', 'token'];

interface StoredSettings {
  version: 1;
  installId: string;
  /** The learner's settings document without secrets. */
  learner: PolicyDocument;
  /** Per destination id: the sealed secrets. */
  secrets: Record<string, Partial<Record<SecretField, string>>>;
  /** Capture paused until then (ms), in the one stored form of shared/learner/pause.ts; absent: capture runs. */
  pausedUntil?: number;
  startAtLogin?: boolean;
}

export interface LearnerSettings {
  document: PolicyDocument;
  /** Problems in the stored document or its secrets, for the status window. */
  issues: PolicyIssue[];
}

const SOURCE = 'your settings';

export class SettingsStore {
  private constructor(
    private readonly file: TextFile,
    private readonly box: SecretBox,
    private data: StoredSettings,
    /** Problems found while reading the file (kept until the next save). */
    private readonly loadIssues: PolicyIssue[],
  ) {}

  /** Open the store; a missing file starts fresh, an unreadable one is kept aside by message, never thrown. */
  static async open(file: TextFile, box: SecretBox): Promise<SettingsStore> {
    const text = await file.read();
    if (text === undefined) return SettingsStore.started(file, box, []);
    const parsed = parseStored(text);
    if ('problem' in parsed) {
      // Start over rather than refuse to run; the install id is new, which only changes the pseudonym.
      return SettingsStore.started(file, box, [
        { path: '', message: `${SOURCE}: ${parsed.problem}; started with defaults`, source: SOURCE },
      ]);
    }
    return new SettingsStore(file, box, parsed.value, []);
  }

  /** A store with defaults, written at once; a disk that refuses the write still lets the app run, with a message. */
  private static async started(
    file: TextFile,
    box: SecretBox,
    issues: PolicyIssue[],
  ): Promise<SettingsStore> {
    const data = fresh();
    const store = new SettingsStore(file, box, data, issues);
    await store
      .persist(data)
      .catch((error: unknown) =>
        issues.push({ path: '', message: `${SOURCE}: ${(error as Error).message}`, source: SOURCE }),
      );
    return store;
  }

  get installId(): string {
    return this.data.installId;
  }

  get pausedUntil(): number | undefined {
    return this.data.pausedUntil;
  }

  get startAtLogin(): boolean {
    return this.data.startAtLogin ?? true;
  }

  get encryptionAvailable(): boolean {
    return this.box.isAvailable();
  }

  /** The learner's document without any secret, for views. */
  publicDocument(): PolicyDocument {
    return structuredClone(this.data.learner);
  }

  /** Whether a secret is saved for the learner's destination `id`. */
  hasSecret(destinationId: string): boolean {
    const sealed = this.data.secrets[destinationId];
    return sealed !== undefined && SECRET_FIELDS.some((f) => sealed[f] !== undefined);
  }

  /**
   * The learner's saved destination `id` with its secrets opened (those that still open): what a secret the
   * settings form leaves unchanged stands for (shared/learner/settings.ts checkDestination).
   */
  savedDestination(destinationId: string): DestinationEntry | undefined {
    const destination = this.data.learner.destinations?.find((d) => d.id === destinationId);
    // A secret that no longer opens is treated as not saved: the form asks for it again.
    return destination && this.opened(structuredClone(destination), () => undefined);
  }

  /** `destination` with each of its sealed secrets opened; `failed` hears of each one that does not open. */
  private opened(destination: DestinationEntry, failed: () => void): DestinationEntry {
    const sealed = this.data.secrets[destination.id] ?? {};
    for (const field of SECRET_FIELDS) {
      const value = sealed[field];
      if (value === undefined) continue;
      try {
        destination[field] = this.box.decrypt(value);
      } catch {
        failed();
      }
    }
    return destination;
  }

  /**
   * The learner's document with secrets opened, validated like any policy document: for the sync config
   * only. A secret that no longer opens (another OS user, a reset keyring) drops that destination with a
   * message; the rest applies.
   */
  learnerSettings(): LearnerSettings {
    const issues = [...this.loadIssues];
    const document = structuredClone(this.data.learner);
    if (document.destinations) {
      document.destinations = document.destinations.map((destination) =>
        this.opened({ ...destination }, () =>
          issues.push({
            path: 'destinations',
            message: `${SOURCE}: the saved secret of "${destination.id}" could not be decrypted on this computer; enter it again`,
            source: SOURCE,
          }),
        ),
      );
    }
    const validation = validatePolicy(document, SOURCE);
    return { document: validation.document, issues: [...issues, ...validation.issues] };
  }

  /**
   * Save the learner's document. Secrets in it are sealed and kept apart; a destination given without a secret
   * keeps the one saved for its id. Throws EncryptionUnavailableError (and saves nothing) when a new secret
   * would have to be written without encryption.
   */
  async saveLearner(document: PolicyDocument): Promise<void> {
    const learner = structuredClone(document);
    const secrets: StoredSettings['secrets'] = {};
    for (const destination of learner.destinations ?? []) {
      const kept = this.data.secrets[destination.id] ?? {};
      const sealed: Partial<Record<SecretField, string>> = {};
      for (const field of SECRET_FIELDS) {
        const plain = destination[field];
        delete destination[field];
        if (plain === undefined) {
          if (kept[field] !== undefined) sealed[field] = kept[field];
          continue;
        }
        if (!this.box.isAvailable()) throw new EncryptionUnavailableError();
        sealed[field] = this.box.encrypt(plain);
      }
      if (Object.keys(sealed).length > 0) secrets[destination.id] = sealed;
    }
    await this.persist({ ...this.data, learner, secrets });
  }

  async setPausedUntil(until: number | undefined): Promise<void> {
    const { pausedUntil: _old, ...rest } = this.data;
    await this.persist(until === undefined ? rest : { ...rest, pausedUntil: until });
  }

  async setStartAtLogin(enabled: boolean): Promise<void> {
    await this.persist({ ...this.data, startAtLogin: enabled });
  }

  /**
   * Write `next` and only then use it: when the file cannot be written the settings in use stay the ones on disk,
   * and SettingsNotSavedError says why.
   */
  private async persist(next: StoredSettings): Promise<void> {
    try {
      await this.file.write(`${JSON.stringify(next, null, 2)}\n`);
    } catch (error) {
      throw new SettingsNotSavedError(error);
    }
    this.data = next;
  }
}

function fresh(): StoredSettings {
  return { version: 1, installId: newInstallId(), learner: {}, secrets: {} };
}

function parseStored(text: string): { value: StoredSettings } | { problem: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return {
      problem: `the settings file is not valid JSON (${error instanceof Error ? error.message : 'unreadable'})`,
    };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return { problem: 'the settings file is not a JSON object' };
  const r = raw as Record<string, unknown>;
  if (typeof r.installId !== 'string' || r.installId.trim() === '')
    return { problem: 'the settings file has no install id' };
  // The document is validated again on every use (learnerSettings); here only its container is checked.
  const learner = typeof r.learner === 'object' && r.learner !== null ? (r.learner as PolicyDocument) : {};
  const secrets: StoredSettings['secrets'] = {};
  if (typeof r.secrets === 'object' && r.secrets !== null) {
    for (const [id, sealed] of Object.entries(r.secrets as Record<string, unknown>)) {
      if (typeof sealed !== 'object' || sealed === null) continue;
      const s = sealed as Record<string, unknown>;
      const entry: Partial<Record<SecretField, string>> = {};
      for (const field of SECRET_FIELDS) if (typeof s[field] === 'string') entry[field] = s[field];
      secrets[id] = entry;
    }
  }
  // Older files said "until resumed" with null: read in the one form (shared/learner/pause.ts).
  const pausedUntil = readPausedUntil(r.pausedUntil);
  const value: StoredSettings = { version: 1, installId: r.installId, learner, secrets };
  if (pausedUntil !== undefined) value.pausedUntil = pausedUntil;
  if (typeof r.startAtLogin === 'boolean') value.startAtLogin = r.startAtLogin;
  return { value };
}
