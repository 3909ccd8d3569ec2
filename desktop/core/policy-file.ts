/**
 * The desktop app's admin policy file (docs/policy.md § Where it comes from): one path per platform, overridden by
 * `TRAILNOTE_POLICY`. A missing file means "no policy"; an unreadable or invalid one never stops the app: its
 * problems are kept for the status window and every valid key still applies (docs/policy.md § Meaning).
 */
import { readFile } from 'node:fs/promises';
import { validatePolicy, type PolicyValidation } from '../../shared/policy';

export const POLICY_ENV = 'TRAILNOTE_POLICY';

/** The policy file to read on `platform` (`process.platform`), given the environment. */
export function policyFilePath(platform: string, env: Readonly<Record<string, string | undefined>>): string {
  const override = env[POLICY_ENV]?.trim();
  if (override) return override;
  switch (platform) {
    case 'darwin':
      return '/Library/Application Support/Trailnote/policy.json';
    case 'win32':
      return `${(env.ProgramData ?? env.PROGRAMDATA ?? 'C:\\ProgramData').replace(/\\+$/, '')}\\Trailnote\\policy.json`;
    default:
      // Linux and the other Unix-likes Electron runs on.
      return '/etc/trailnote/policy.json';
  }
}

export interface PolicyFile extends PolicyValidation {
  path: string;
  /** Whether a file was there (and readable) at all. */
  found: boolean;
}

export type ReadText = (path: string) => Promise<string>;

const readUtf8: ReadText = (path) => readFile(path, 'utf8');

/**
 * Read and validate the policy file. `overridden`: the path came from TRAILNOTE_POLICY, so a missing file is
 * an admin's mistake worth a message rather than the ordinary "no policy here".
 */
export async function loadPolicyFile(
  path: string,
  overridden: boolean,
  read: ReadText = readUtf8,
): Promise<PolicyFile> {
  let text: string;
  try {
    text = await read(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && !overridden) return { path, found: false, document: {}, issues: [] };
    const problem =
      code === 'ENOENT'
        ? `${POLICY_ENV} names ${path}, which does not exist; no organisation policy applies`
        : `could not be read (${code ?? (error instanceof Error ? error.message : String(error))}); no organisation policy applies`;
    return {
      path,
      found: false,
      document: {},
      issues: [{ path: '', message: `policy document: ${problem}`, source: path }],
    };
  }
  return { path, found: true, ...validatePolicy(text, path) };
}

/** Both steps for this process: where, then what. */
export function loadSystemPolicy(
  platform: string,
  env: Readonly<Record<string, string | undefined>>,
  read?: ReadText,
): Promise<PolicyFile> {
  return loadPolicyFile(policyFilePath(platform, env), Boolean(env[POLICY_ENV]?.trim()), read);
}
