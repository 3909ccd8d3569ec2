/**
 * The small vocabulary the policy schema is written in. A node describes one key of the document: its type,
 * its constraints, its built-in default and a sentence for admins. Validation, defaults, the TypeScript types
 * (through `Infer` / `Resolve`) and Chrome's managed-storage schema are all computed from these nodes, so a
 * key added or changed in `schema.ts` reaches every one of them at once.
 */

/** How a string is checked and normalised (see formats.ts). */
export type StringFormat =
  /** Free text for people (names). Trimmed. */
  | 'text'
  /** A short identifier: letters, digits, `.`, `_`, `-`. */
  | 'id'
  /** A credential: never trimmed, never echoed in messages. */
  | 'secret'
  /** An LRS endpoint: absolute http(s) URL, normalised to end with `/`. */
  | 'endpoint'
  /** An absolute http(s) URL kept exactly as written (it may be part of an xAPI identity). */
  | 'http-url'
  /** An e-mail address. */
  | 'email'
  /** An absolute http(s) IRI (skill ids). */
  | 'iri'
  /** An http(s) IRI that other IRIs are minted under: no query or fragment, normalised to end with `/`. */
  | 'base-iri'
  /** A host name (or IPv4 address), lower-cased, IDN converted to ASCII. */
  | 'domain'
  /** A private host: a host name, an IPv4/IPv6 address or a CIDR range (shared/policy/private-hosts.ts). */
  | 'private-host';

interface Described {
  /** One sentence for admins: what the key does (units, meaning). Constraints and defaults are appended. */
  readonly description: string;
}

export interface StringNode extends Described {
  readonly kind: 'string';
  readonly format: StringFormat;
  readonly default?: string;
  /** Overrides the format's own length limit (long attribution texts). */
  readonly maxLength?: number;
  /** Well-formed values that still may not be used (ids with a meaning of their own). */
  readonly reserved?: readonly string[];
}

export interface NumberNode extends Described {
  /** `integer` = a whole number. */
  readonly kind: 'integer' | 'number';
  readonly min: number;
  readonly max: number;
  readonly default?: number;
}

export interface BooleanNode extends Described {
  readonly kind: 'boolean';
  readonly default?: boolean;
}

export interface EnumNode<V extends string = string> extends Described {
  readonly kind: 'enum';
  readonly values: readonly V[];
  readonly default?: V;
}

export interface ArrayNode<I extends SchemaNode = SchemaNode> extends Described {
  readonly kind: 'array';
  readonly items: I;
  /** Longer lists are cut here: bounds the work (and the messages) a hostile or broken document can cause. */
  readonly maxItems: number;
  /** Items must differ, by whole value or by one key (an id). Later duplicates are dropped. */
  readonly uniqueBy?: 'value' | (string & {});
  readonly default?: readonly unknown[];
}

export interface ObjectNode<P extends Properties = Properties, R extends string = string> extends Described {
  readonly kind: 'object';
  readonly properties: P;
  readonly required?: readonly R[];
  /**
   * A list entry that stands for one thing (a destination, a skill): if any of its keys is invalid the entry is
   * dropped whole, since half a destination could deliver to the wrong place. Without it, each key is kept or
   * dropped alone.
   */
  readonly wholeOrNothing?: boolean;
  /** Exactly one of these groups of keys must be given in full, and no key of the other groups. */
  readonly exactlyOneOf?: readonly (readonly string[])[];
  /** Keys valid elsewhere in the document but refused here, with the reason told to the admin. */
  readonly refusedKeys?: Readonly<Record<string, string>>;
}

export type SchemaNode = StringNode | NumberNode | BooleanNode | EnumNode | ArrayNode | ObjectNode;
export interface Properties {
  readonly [key: string]: SchemaNode;
}

// ---- builders: they only add `kind`, but keep literal types so that `Infer`/`Resolve` can see defaults,
// enum values and required keys.

type Spec<N> = Omit<N, 'kind'>;

export function string<const S extends Omit<Spec<StringNode>, 'format'>>(
  format: StringFormat,
  spec: S,
): StringNode & S {
  return { kind: 'string', format, ...spec };
}

export function integer<const S extends Spec<NumberNode>>(spec: S): NumberNode & S & { kind: 'integer' } {
  return { ...spec, kind: 'integer' };
}

export function number<const S extends Spec<NumberNode>>(spec: S): NumberNode & S & { kind: 'number' } {
  return { ...spec, kind: 'number' };
}

export function boolean<const S extends Spec<BooleanNode>>(spec: S): BooleanNode & S {
  return { kind: 'boolean', ...spec };
}

export function oneOf<const V extends string, const S extends Described & { default?: NoInfer<V> }>(
  values: readonly V[],
  spec: S,
): EnumNode<V> & S {
  return { kind: 'enum', values, ...spec };
}

export function arrayOf<
  const I extends SchemaNode,
  const S extends Omit<Spec<ArrayNode<I>>, 'items' | 'default'> & { default?: readonly Infer<I>[] },
>(items: I, spec: S): ArrayNode<I> & S {
  return { kind: 'array', items, ...spec };
}

export function objectOf<const P extends Properties, const R extends keyof P & string = never>(
  properties: P,
  spec: Omit<Spec<ObjectNode<P, R>>, 'properties'>,
): ObjectNode<P, R> {
  return { kind: 'object', properties, ...spec };
}

// ---- types computed from nodes

type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** The value a node accepts in a policy document (objects: every key optional unless `required`). */
export type Infer<N> =
  N extends ObjectNode<infer P, infer R>
    ? InferObject<P, R>
    : N extends ArrayNode<infer I>
      ? Infer<I>[]
      : N extends EnumNode<infer V>
        ? V
        : N extends StringNode
          ? string
          : N extends NumberNode
            ? number
            : N extends BooleanNode
              ? boolean
              : never;

type InferObject<P extends Properties, R extends string> = Simplify<
  { -readonly [K in keyof P as K extends R ? K : never]: Infer<P[K]> } & {
    -readonly [K in keyof P as K extends R ? never : K]?: Infer<P[K]>;
  }
>;

/** A key always has a value once resolved when it has a built-in default or is a group of keys. */
type AlwaysSet<N> = N extends ObjectNode ? true : N extends { readonly default: unknown } ? true : false;

/**
 * The value a node has after layering over the built-in defaults: nested groups and keys with a default are
 * always present. List entries are not resolved (they are taken as given).
 */
export type Resolve<N> =
  N extends ObjectNode<infer P>
    ? Simplify<
        { -readonly [K in keyof P as AlwaysSet<P[K]> extends true ? K : never]: Resolve<P[K]> } & {
          -readonly [K in keyof P as AlwaysSet<P[K]> extends true ? never : K]?: Resolve<P[K]>;
        }
      >
    : Infer<N>;

// ---- walking

/** True when the node is a group of keys inside the document (not a list, not a single value). */
export function isObjectNode(node: SchemaNode): node is ObjectNode {
  return node.kind === 'object';
}

/**
 * Every path a schema knows, in document order: `capture`, `capture.holdMinutes`, `destinations`,
 * `destinations[]`, `destinations[].endpoint`, ... (`[]` stands for any list entry).
 */
export function schemaPaths(node: SchemaNode, prefix = ''): string[] {
  const paths: string[] = [];
  if (node.kind === 'object') {
    for (const [key, child] of Object.entries(node.properties)) {
      const path = prefix ? `${prefix}.${key}` : key;
      paths.push(path, ...schemaPaths(child, path));
    }
  } else if (node.kind === 'array') {
    const path = `${prefix}[]`;
    paths.push(path, ...schemaPaths(node.items, path));
  }
  return paths;
}

/**
 * The settings leaves: dotted paths of values that are layered as one (scalars and whole lists), not entering
 * lists. These are the paths `locked` is made of.
 */
export function leafPaths(node: ObjectNode, prefix = ''): string[] {
  const paths: string[] = [];
  for (const [key, child] of Object.entries(node.properties)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (isObjectNode(child)) paths.push(...leafPaths(child, path));
    else paths.push(path);
  }
  return paths;
}

/** The node at a dotted path (no list entries), or undefined. */
export function nodeAt(root: ObjectNode, path: string): SchemaNode | undefined {
  let node: SchemaNode = root;
  for (const key of path.split('.')) {
    if (!isObjectNode(node) || !Object.hasOwn(node.properties, key)) return undefined;
    const child: SchemaNode | undefined = node.properties[key];
    if (!child) return undefined;
    node = child;
  }
  return node;
}
