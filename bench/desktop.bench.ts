/**
 * `npm run bench:desktop` (issue 5, part 9): the desktop app's two figures, measured in one run and recorded in
 * bench/results/desktop.json — the media watcher's CPU over 60 s beside a paused player against a baseline
 * process (bench/desktop-watcher.bench.ts), and the quick-log save latency (bench/desktop-quicklog.bench.ts).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { benchQuickLog } from './desktop-quicklog.bench';
import { benchWatcher } from './desktop-watcher.bench';

const watcher = await benchWatcher();
const quickLog = await benchQuickLog();
const results = { measuredAt: new Date().toISOString(), node: process.version, watcher, quickLog };
console.log(JSON.stringify(results, null, 2));
mkdirSync(resolve(import.meta.dirname, 'results'), { recursive: true });
writeFileSync(resolve(import.meta.dirname, 'results/desktop.json'), `${JSON.stringify(results, null, 2)}\n`);
