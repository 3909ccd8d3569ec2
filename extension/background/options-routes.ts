/**
 * The routes of the options page (settings, destinations, import and export: handlers in options*.ts, payloads
 * checked by options-parse.ts's bounded parsers) and of the skill frameworks (their load status, a refresh, the
 * pickers' view).
 */
import type { PageRoutesFor } from './dispatch';
import { frameworkStore, skillFrameworksView } from './frameworks';
import type { LearnerDeps } from './learner';
import { optionsState, removeDestination, saveDestination, saveSettings } from './options';
import { testDestination } from './options-connection';
import { exportSettings, importSettings } from './options-import';
import {
  parseDestinationRef,
  parseDraftPayload,
  parseImportPayload,
  parseSettingsPayload,
} from './options-parse';
import { loadSettings } from './settings';

type OptionsRequest =
  | 'options/state'
  | 'options/save'
  | 'destination/save'
  | 'destination/remove'
  | 'destination/test'
  | 'settings/export'
  | 'settings/import'
  | 'frameworks/status'
  | 'frameworks/refresh'
  | 'skills/frameworks';

export const optionsRoutes: PageRoutesFor<OptionsRequest, LearnerDeps> = {
  'options/state': { parse: () => ({}), handle: () => optionsState() },
  'options/save': {
    parse: parseSettingsPayload,
    handle: ({ settings }, deps) => saveSettings(settings, deps),
  },
  'destination/save': {
    parse: parseDraftPayload,
    handle: ({ destination }, deps) => saveDestination(destination, deps),
  },
  'destination/remove': {
    parse: parseDestinationRef,
    handle: ({ id }, deps) => removeDestination(id, deps),
  },
  'destination/test': {
    parse: parseDraftPayload,
    handle: ({ destination }, deps) => testDestination(destination, deps),
  },
  'settings/export': { parse: () => ({}), handle: async () => ({ document: await exportSettings() }) },
  'settings/import': {
    parse: parseImportPayload,
    handle: ({ text, apply, confirmed }, deps) => importSettings(text, apply, deps, confirmed),
  },
  // Skill frameworks given by URL (frameworks.ts): how each loaded, a forced download, what the pickers search.
  'frameworks/status': {
    parse: () => ({}),
    handle: async () => ({
      statuses: await frameworkStore().statuses((await loadSettings()).settings.skills),
    }),
  },
  'frameworks/refresh': {
    parse: () => ({}),
    handle: async () => {
      const { settings } = await loadSettings();
      return { statuses: await frameworkStore().refresh(settings.skills, { force: true }) };
    },
  },
  'skills/frameworks': {
    parse: () => ({}),
    handle: async () => skillFrameworksView((await loadSettings()).settings),
  },
};
