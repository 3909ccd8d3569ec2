// Our own narrow statement types. @xapi/xapi's types describe everything an LRS may hold (Groups, SubStatements,
// interaction definitions, `stored`...); we only ever *produce* the shapes in docs/xapi-profile.md, so these types say
// exactly that (required `id`, `timestamp`, `context`, one IFI per Agent). They stay assignable to @xapi/xapi's
// `Statement`, so a client built on its types accepts them (types.test.ts proves it at compile time).

/** Any value JSON can carry: extension values must survive `JSON.stringify` unchanged (no NaN, no undefined). */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** `{ "<language tag>": "text" }` (xAPI-Data.md § 4.2 Language Maps). */
export type LanguageMap = Record<string, string>;

/** Extension maps are keyed by IRI (xAPI-Data.md § 4.1 Extensions). */
export type Extensions = Record<string, JsonValue>;

export interface XapiAccount {
  homePage: string;
  name: string;
}

interface AgentBase {
  objectType: 'Agent';
  name?: string;
}

/**
 * An Agent with exactly one inverse functional identifier (docs/xapi-profile.md § Every statement, `actor`).
 * The `never` members make a second IFI a compile error.
 */
export type XapiAgent = AgentBase &
  (
    | { mbox: string; mbox_sha1sum?: never; account?: never; openid?: never }
    | { mbox_sha1sum: string; mbox?: never; account?: never; openid?: never }
    | { account: XapiAccount; mbox?: never; mbox_sha1sum?: never; openid?: never }
  );

export interface XapiVerb {
  id: string;
  display: LanguageMap;
}

export interface XapiActivityDefinition {
  type?: string;
  name?: LanguageMap;
  description?: LanguageMap;
  moreInfo?: string;
  extensions?: Extensions;
}

export interface XapiActivity {
  objectType: 'Activity';
  id: string;
  definition?: XapiActivityDefinition;
}

export interface XapiStatementRef {
  objectType: 'StatementRef';
  id: string;
}

export type XapiObject = XapiActivity | XapiStatementRef;

export interface XapiResult {
  completion?: boolean;
  success?: boolean;
  response?: string;
  duration?: string;
  extensions?: Extensions;
}

/** Always arrays (docs/xapi-profile.md § Every statement); `category` always holds the profile and source. */
export interface XapiContextActivities {
  parent?: XapiActivity[];
  grouping?: XapiActivity[];
  category: XapiActivity[];
  other?: XapiActivity[];
}

/** xAPI 2.0: a person who took part, and the part they played (docs/xapi-profile.md § xAPI 2.0). */
export interface XapiContextAgent {
  objectType: 'contextAgent';
  agent: XapiAgent;
  /** Role IRIs (AGENT_ROLES); ADL's LRS refuses a context agent without them. */
  relevantTypes: string[];
}

export interface XapiContext {
  registration?: string;
  /**
   * A mentor or teacher in xAPI 1.0.3. Builders write `contextAgents` (2.0); shared/xapi/versions.ts converts it
   * to this for a 1.0.3 LRS at send time. Statements queued before 2.0 support may still carry it.
   */
  instructor?: XapiAgent;
  /** xAPI 2.0 only. */
  contextAgents?: XapiContextAgent[];
  contextActivities: XapiContextActivities;
  /** Only allowed when the object is an Activity (xAPI-Data.md § 2.4.6; Learning Locker enforces it). */
  platform?: string;
  language: string;
  extensions?: Extensions;
}

/** A statement as Trailnote sends it: never `stored`, `authority` or `version` (the LRS owns them). */
export interface XapiStatement {
  id: string;
  actor: XapiAgent;
  verb: XapiVerb;
  object: XapiObject;
  result?: XapiResult;
  context: XapiContext;
  timestamp: string;
}
