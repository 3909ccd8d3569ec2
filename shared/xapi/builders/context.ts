// What every statement has in common (docs/xapi-profile.md § Every statement): id, actor, clamped timestamp, context
// with language, platform, the profile + source + skills in `category`, and the reflection extension. Each
// builder supplies only verb, object, result and its own context additions.
import type { Skill } from '../../skills/types';
import type {
  Extensions,
  XapiActivity,
  XapiActivityDefinition,
  XapiAgent,
  XapiObject,
  XapiResult,
  XapiStatement,
  XapiVerb,
} from '../types';
import { normaliseLanguage } from '../language';
import {
  ACTIVITY_TYPES,
  EXTENSIONS,
  PROFILE_ACTIVITY_ID,
  sourceActivityId,
  type SourceSurface,
} from '../vocab';

export interface StatementSource {
  surface: SourceSurface;
  /** The extension's or app's version (manifest / package version). */
  version: string;
  /** Display name of the source activity; defaults to "Trailnote browser extension <version>" etc. */
  name?: string;
}

/** The input every builder shares. */
export interface StatementContext {
  /** Statement id; defaults to `crypto.randomUUID()`. Set once at capture: retries resend the same id. */
  id?: string;
  /** From `actorFor()`. */
  actor: XapiAgent;
  /** When the experience started or happened. Clamped to `now`: never in the future. */
  timestamp: Date;
  /** The clock to clamp against (tests); defaults to the current time. */
  now?: Date;
  /** Page or app language (BCP 47 or POSIX locale); `en` when unknown. */
  language?: string;
  /** The site's host name for web captures, the app name for desktop captures. */
  platform: string;
  source: StatementSource;
  skills?: Skill[];
  /** The learner's reflection written before sending. */
  reflection?: string;
}

/** ISO 8601 UTC with milliseconds, never later than `now`; an invalid date also becomes `now`. */
export function clampTimestamp(timestamp: Date, now: Date = new Date()): string {
  const time = timestamp.getTime();
  const limit = Number.isNaN(now.getTime()) ? Date.now() : now.getTime();
  return new Date(Number.isNaN(time) || time > limit ? limit : time).toISOString();
}

/** The Trailnote profile activity (category). */
export function profileActivity(): XapiActivity {
  return {
    objectType: 'Activity',
    id: PROFILE_ACTIVITY_ID,
    definition: { type: ACTIVITY_TYPES.profile, name: { en: 'Trailnote xAPI profile' } },
  };
}

const SURFACE_NAMES: Record<SourceSurface, string> = {
  extension: 'Trailnote browser extension',
  desktop: 'Trailnote desktop app',
};

/** The capture-source activity (category): which surface and version made the statement. */
export function sourceActivity(source: StatementSource): XapiActivity {
  const name =
    optionalText(source.name) ?? `${SURFACE_NAMES[source.surface]} ${source.version.trim()}`.trim();
  return {
    objectType: 'Activity',
    id: sourceActivityId(source.surface, source.version),
    definition: { type: ACTIVITY_TYPES.source, name: { en: name } },
  };
}

/**
 * A skill as a competency activity (docs/xapi-profile.md § Skills). The label is keyed `en`: `Skill` carries no
 * language, and the page language says nothing about the framework's.
 */
export function skillActivity(skill: Skill): XapiActivity {
  const name = optionalText(skill.name);
  return {
    objectType: 'Activity',
    id: skill.id.trim(),
    definition: { type: ACTIVITY_TYPES.competency, ...(name === undefined ? {} : { name: { en: name } }) },
  };
}

/** Profile, source, then one activity per distinct skill id, in the order given. */
export function categoryFor(source: StatementSource, skills: readonly Skill[] = []): XapiActivity[] {
  const seen = new Set<string>();
  const skillActivities: XapiActivity[] = [];
  for (const skill of skills) {
    const activity = skillActivity(skill);
    if (seen.has(activity.id)) continue;
    seen.add(activity.id);
    skillActivities.push(activity);
  }
  return [profileActivity(), sourceActivity(source), ...skillActivities];
}

/** What a builder adds to the common parts. */
export interface StatementParts {
  verb: XapiVerb;
  object: XapiObject;
  result?: XapiResult;
  parent?: XapiActivity[];
  /** A person who took part (a mentor, a trainer), as a 2.0 context agent with its role IRI. */
  participant?: { agent: XapiAgent; role: string };
  contextExtensions?: Extensions;
  /** Replaces `ctx.skills` (a comment carries the original statement's skills). */
  skills?: readonly Skill[];
  /** Whether `ctx.reflection` goes into `context.extensions` (false for comments and voids). */
  withReflection?: boolean;
}

export function assembleStatement(ctx: StatementContext, parts: StatementParts): XapiStatement {
  const extensions: Extensions = { ...parts.contextExtensions };
  const reflection = parts.withReflection === false ? undefined : optionalText(ctx.reflection);
  if (reflection !== undefined) extensions[EXTENSIONS.reflection] = reflection;

  // xAPI-Data.md § 2.4.6: `platform` only when the object is an Activity (Learning Locker rejects it otherwise).
  const platform = parts.object.objectType === 'Activity' ? optionalText(ctx.platform) : undefined;

  const statement: XapiStatement = {
    id: ctx.id ?? crypto.randomUUID(),
    actor: ctx.actor,
    verb: parts.verb,
    object: parts.object,
    result: parts.result,
    context: {
      contextAgents:
        parts.participant === undefined
          ? undefined
          : [
              {
                objectType: 'contextAgent',
                agent: parts.participant.agent,
                relevantTypes: [parts.participant.role],
              },
            ],
      contextActivities: {
        parent: parts.parent !== undefined && parts.parent.length > 0 ? parts.parent : undefined,
        category: categoryFor(ctx.source, parts.skills ?? ctx.skills),
      },
      platform,
      language: normaliseLanguage(ctx.language),
      extensions,
    },
    timestamp: clampTimestamp(ctx.timestamp, ctx.now),
  };
  return prune(statement);
}

/** An Activity object; `definition` is pruned later. */
export function activity(id: string, definition: XapiActivityDefinition): XapiActivity {
  return { objectType: 'Activity', id, definition };
}

/**
 * A deep copy without `undefined`/`null` members and without empty objects (`result: {}`, `extensions: {}`),
 * so no builder can emit a null (docs/xapi-profile.md § Every statement) and callers' objects are never shared.
 */
export function prune<T>(value: T): T {
  return pruneValue(value) as T;
}

function pruneValue(value: unknown): unknown {
  if (Array.isArray(value))
    return value.filter((item) => item !== undefined && item !== null).map(pruneValue);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value)) {
    if (member === undefined || member === null) continue;
    const pruned = pruneValue(member);
    if (isEmptyPlainObject(pruned)) continue;
    out[key] = pruned;
  }
  return out;
}

function isEmptyPlainObject(value: unknown): boolean {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0
  );
}

/** Trimmed text, or undefined when missing or blank (inputs may come from untyped storage). */
export function optionalText(text: unknown): string | undefined {
  if (typeof text !== 'string') return undefined;
  const trimmed = text.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** Like optionalText, also folding runs of whitespace (page titles often contain newlines and tabs). */
export function singleLine(text: unknown): string | undefined {
  return optionalText(typeof text === 'string' ? text.replace(/\s+/g, ' ') : text);
}

/** Trimmed text or an Error naming the missing field (for learner-logged items, where the UI requires it). */
export function requiredText(text: unknown, field: string, builder: string): string {
  const value = singleLine(text);
  if (value === undefined) throw new Error(`${builder}: ${field} is required`);
  return value;
}

/** A finite number clamped to [0, 1] and rounded to 3 decimals, or undefined. */
export function fraction3(value: number | undefined): number | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
  return round3(Math.min(1, Math.max(0, value)));
}

export function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** A positive finite number, or undefined. */
export function positive(value: number | undefined): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;
}
