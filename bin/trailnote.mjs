#!/usr/bin/env node
// `npx trailnote <command>`: runs the TypeScript CLI through tsx (a dev dependency, present after `npm ci`).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../scripts/check-lrs/cli.ts');
process.exitCode = await main(process.argv.slice(2));
