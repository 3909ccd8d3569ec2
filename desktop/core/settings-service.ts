/**
 * The settings in force: the policy file over the learner's own (docs/policy.md § Meaning), the actor they
 * give, the outbox window's configuration (destinations with their credentials go there only), and saving
 * what the learner may change. The form's rules are settings-form.ts; the file is settings-store.ts.
 */
import {
  learnerActor,
  pseudonymActor,
  maySend,
  resolveSettings,
  syncDestinations,
  type PolicyIssue,
  type ResolvedSettings,
} from '../../shared/policy';
import type { XapiAgent } from '../../shared/xapi';
import type { OutboxConfig, OutboxLink, SaveResult, SettingsField, SettingsInput } from './contract';
import type { StatementEnv } from './drafts';
import type { PolicyFile } from './policy-file';
import { learnerDocument } from './settings-form';
import { EncryptionUnavailableError, type SettingsStore } from './settings-store';

export interface SettingsServiceDeps {
  store: SettingsStore;
  outbox: OutboxLink;
  loadPolicy: () => Promise<PolicyFile>;
  now: () => number;
  version: string;
  language?: string;
  /** A save changed what goes out: sync and refresh what is shown. */
  onSaved?: () => void;
}

export class SettingsService {
  private current: PolicyFile = { path: '', found: false, document: {}, issues: [] };

  constructor(private readonly deps: SettingsServiceDeps) {}

  /** Read the policy and hand the outbox window its configuration (at start, and whenever it (re)loads). */
  async start(): Promise<void> {
    await this.reloadPolicy();
    await this.configureOutbox();
  }

  /** Read the policy file again (main's hourly tick, the status view). */
  async reloadPolicy(): Promise<void> {
    this.current = await this.deps.loadPolicy();
  }

  /** The policy file as last read: where it was found and its problems. */
  get policy(): PolicyFile {
    return this.current;
  }

  resolved(): { resolved: ResolvedSettings; learnerIssues: PolicyIssue[] } {
    const learner = this.deps.store.learnerSettings();
    return {
      resolved: resolveSettings({ enforced: this.current.document, learner: learner.document }),
      learnerIssues: learner.issues,
    };
  }

  /** The shared rule (shared/policy learnerActor), as the extension's, with this install's id. */
  actor(resolved: ResolvedSettings = this.resolved().resolved): XapiAgent {
    return learnerActor(resolved, this.deps.store.installId);
  }

  /** Who and what a statement built now carries. */
  statementEnv(resolved: ResolvedSettings = this.resolved().resolved): StatementEnv {
    return {
      actor: this.actor(resolved),
      now: this.deps.now(),
      version: this.deps.version,
      language: this.deps.language,
    };
  }

  outboxConfig(): OutboxConfig {
    const { resolved } = this.resolved();
    return {
      destinations: syncDestinations(resolved),
      maySend: maySend(resolved),
      actor: this.actor(resolved),
      pseudonym: pseudonymActor(resolved, this.deps.store.installId),
      version: this.deps.version,
    };
  }

  async configureOutbox(): Promise<void> {
    await this.deps.outbox.request({ op: 'configure', config: this.outboxConfig() });
  }

  /**
   * Save what the learner may change; enforced keys are never written (docs/policy.md: the learner cannot). A form's
   * answer (ui-contract.ts): a message per field, or one message when the settings file could not be written.
   */
  async save(input: SettingsInput): Promise<SaveResult<SettingsField>> {
    const { store } = this.deps;
    const built = learnerDocument(input, {
      resolved: this.resolved().resolved,
      current: store.publicDocument(),
      saved: (id) => store.savedDestination(id),
    });
    if (!built.ok) return built;
    try {
      await store.saveLearner(built.document);
    } catch (error) {
      if (error instanceof EncryptionUnavailableError) {
        return { ok: false, errors: { password: { key: 'settings.noEncryption' } } };
      }
      // A form's answer (ui-contract.ts): the settings file could not be written, said in one message.
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
    // Saved: the outbox window takes its new configuration now, or when it next loads (main configures it then).
    await this.configureOutbox();
    this.deps.onSaved?.();
    return { ok: true };
  }
}
