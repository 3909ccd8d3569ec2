// The repository's import zones (README, Architecture): which folders may import what. A local ESLint rule rather
// than a plugin dependency: it resolves relative imports to repository paths, so `../../extension/x` and
// `../x` are judged by where they land, and it tells type-only imports (erased at build) from runtime ones.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TESTS = /(\.test\.tsx?|\/testing\.ts|\/testing\/.*)$/;
const PLATFORM = /^(electron|wxt|webextension-polyfill|@wxt-dev\/.*)(\/.*)?$/;
const NODE = /^(node:.*|fs|path|os|child_process|net|http|https|crypto)(\/.*)?$/;

/**
 * Each zone: the folders it applies to (`files`, path prefixes), files it leaves out (`except`), and either
 * `allow` (only these may be imported: everything else is refused) or `forbid`. A rule names a repository
 * `path` (a folder or a module, without extension) or a `pkg` pattern; `typeOnly` allows only `import type`.
 */
export const ZONES = [
  {
    name: 'shared',
    files: ['shared/'],
    forbid: [
      { path: 'extension', message: 'shared/ must not import app code (extension/).' },
      { path: 'desktop', message: 'shared/ must not import app code (desktop/).' },
      { pkg: PLATFORM, message: 'shared/ stays platform-free (no electron, wxt, browser APIs).' },
    ],
  },
  {
    name: 'shared/learner',
    files: ['shared/learner/'],
    except: TESTS, // tests may start a real server (node:http) around the core
    forbid: [
      {
        pkg: /^(dexie|preact)(\/.*)?$/,
        message: 'the learner core reaches storage and UI only through its ports.',
      },
      { pkg: NODE, message: 'the learner core is platform-free: no Node built-ins.' },
      {
        path: 'shared/ui',
        typeOnly: true,
        message: 'the learner core may take types from shared/ui, not its code.',
      },
    ],
  },
  {
    name: 'extension/detectors',
    files: ['extension/detectors/'],
    except: TESTS,
    message:
      'detectors (content scripts in hostile pages) import only shared/capture types, the content message contract and their own folder.',
    allow: [
      { path: 'extension/detectors' },
      { path: 'shared/capture', typeOnly: true },
      // Two pure facts rules the background applies too (one fragment rule, one hash), not capture decisions.
      { path: 'shared/capture/page-url' },
      { path: 'shared/fingerprint' },
      { path: 'extension/platform/content-messages', typeOnly: true },
    ],
  },
  {
    name: 'desktop/core',
    files: ['desktop/core/'],
    forbid: [
      { pkg: /^electron(\/.*)?$/, message: 'desktop/core is pure: Electron lives in desktop/main adapters.' },
      { path: 'desktop/main', message: 'desktop/core must not import the main-process adapters.' },
      { path: 'desktop/preload', message: 'desktop/core must not import the preload script.' },
    ],
  },
  {
    name: 'desktop/renderer',
    files: ['desktop/renderer/'],
    except: TESTS,
    forbid: [
      {
        pkg: /^electron(\/.*)?$/,
        message: 'renderers reach main only through the preload (window.trailnote).',
      },
      { pkg: NODE, message: 'renderers have no Node: they reach main only through the preload.' },
      { path: 'desktop/main', message: 'renderers reach main only through the preload (window.trailnote).' },
      { path: 'desktop/preload', typeOnly: true, message: 'renderers take the preload API as types only.' },
      {
        path: 'desktop/core',
        typeOnly: true,
        message: 'renderers take only types from desktop/core (the contract).',
      },
    ],
  },
  {
    name: 'extension pages',
    files: [
      'extension/entrypoints/popup/',
      'extension/entrypoints/options/',
      'extension/entrypoints/dashboard/',
    ],
    forbid: [
      {
        path: 'extension/background',
        message: 'extension pages talk to the background only through messages (extension/platform/send.ts).',
      },
    ],
  },
];

const posix = (p) => p.split(path.sep).join('/');
const within = (file, folder) =>
  file === folder || file.startsWith(folder.endsWith('/') ? folder : `${folder}/`);

/** Whether an import (its specifier, and its repository path when relative) matches a rule. */
function matches(rule, specifier, target) {
  if (rule.pkg) return target === undefined && rule.pkg.test(specifier);
  if (target === undefined) return false;
  const stripped = target.replace(/\.(tsx?|jsx?|mjs)$/, '').replace(/\/index$/, '');
  return within(stripped, rule.path) || within(target, rule.path);
}

/** The message for an import a zone refuses, or undefined. */
export function verdict(zone, specifier, target, typeOnly) {
  if (zone.allow) {
    const ok = zone.allow.some((r) => matches(r, specifier, target) && (!r.typeOnly || typeOnly));
    return ok ? undefined : zone.message;
  }
  const hit = zone.forbid.find((r) => matches(r, specifier, target) && !(r.typeOnly && typeOnly));
  return hit?.message;
}

const typeOnlyImport = (node) =>
  node.importKind === 'type' ||
  (node.specifiers.length > 0 && node.specifiers.every((s) => s.importKind === 'type'));
const typeOnlyExport = (node) =>
  node.exportKind === 'type' ||
  (node.specifiers?.length > 0 && node.specifiers.every((s) => s.exportKind === 'type'));

const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'Import zones: which folders may import what (README, Architecture).' },
    schema: [],
  },
  create(context) {
    const file = posix(path.relative(ROOT, context.filename));
    const zones = ZONES.filter((z) => z.files.some((f) => within(file, f)) && !z.except?.test(file));
    if (zones.length === 0) return {};
    const check = (node, source, typeOnly) => {
      if (source?.type !== 'Literal' || typeof source.value !== 'string') return;
      const specifier = source.value;
      const target = specifier.startsWith('.')
        ? posix(path.relative(ROOT, path.resolve(path.dirname(context.filename), specifier)))
        : undefined;
      for (const zone of zones) {
        const message = verdict(zone, specifier, target, typeOnly);
        if (message)
          context.report({ node: source, message: `Import zone ${zone.name}: ${message} ('${specifier}')` });
      }
    };
    return {
      ImportDeclaration: (node) => check(node, node.source, typeOnlyImport(node)),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source, typeOnlyExport(node)),
      ExportAllDeclaration: (node) => check(node, node.source, node.exportKind === 'type'),
      ImportExpression: (node) => check(node, node.source, false),
    };
  },
};

export default { rules: { 'import-zones': rule } };
