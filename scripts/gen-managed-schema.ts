/**
 * Writes Chrome's managed-storage schema from the policy schema (shared/policy/managed-schema.ts).
 *   npx tsx scripts/gen-managed-schema.ts          write extension/public/managed_schema.json
 *   npx tsx scripts/gen-managed-schema.ts --check  exit 1 if the committed file is out of date
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MANAGED_SCHEMA_FILE, managedSchemaJson } from '../shared/policy/managed-schema';

const target = fileURLToPath(new URL(`../${MANAGED_SCHEMA_FILE}`, import.meta.url));
const generated = managedSchemaJson();

if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    // A missing file is out of date too.
  }
  if (current !== generated) {
    console.error(`${MANAGED_SCHEMA_FILE} is out of date: run npx tsx scripts/gen-managed-schema.ts`);
    process.exit(1);
  }
  console.log(`${MANAGED_SCHEMA_FILE} is up to date`);
} else {
  writeFileSync(target, generated);
  console.log(`wrote ${MANAGED_SCHEMA_FILE}`);
}
