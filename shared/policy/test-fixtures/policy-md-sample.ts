import { readFileSync } from 'node:fs';

/**
 * The sample document of docs/policy.md § Shape (JSON text, as a policy file would hold it), read from the
 * document itself so that the contract admins read and the tests cannot drift apart.
 */
const doc = readFileSync(new URL('../../../docs/policy.md', import.meta.url), 'utf8');
const sample = /## Shape\n+```json\n([\s\S]*?)\n```/.exec(doc)?.[1];
if (sample === undefined) throw new Error('docs/policy.md has no JSON sample under "## Shape"');
export const POLICY_MD_SAMPLE: string = sample;
