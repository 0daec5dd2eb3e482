/**
 * TL schemas as data: what a layer's constructors and methods are, read from the schemas npm
 * packages ship. Two formats exist in the packages we use:
 *
 *  - TL text, `name#id field:type … = Type;` (core.telegram.org/mtproto/TL), which the
 *    `telegram` package ships as `tl/apiTl.js` and `tl/schemaTl.js`, in every version;
 *  - mtcute's JSON (`@mtcute/core/tl/api-schema.json`), entries with typed arguments.
 *
 * Both become {@link TlEntry} values here, from which `compile.ts` generates the codecs. The TL
 * grammar used by these schemas is a single line form (core.telegram.org/mtproto/TL-combinators
 * for `flags.N?T`, core.telegram.org/mtproto/serialize for bare and boxed types), so a parser of
 * our own is a few lines; the maintained TL tools (mtcute's tl-utils) are not on npm, and the
 * `telegram` package's parser is internal to it.
 */

/** How a value is laid out on the wire (core.telegram.org/mtproto/serialize). */
export type TlType =
  | { readonly kind: 'int' | 'long' | 'double' | 'string' | 'bytes' | 'int128' | 'int256' | 'Bool' | 'true' | '#' }
  /** `Vector<T>` (boxed: the vector constructor id first) or `vector<T>` (bare). */
  | { readonly kind: 'vector'; readonly boxed: boolean; readonly of: TlType }
  /** A boxed object of this type (its constructor id first). `Object`, `X` and `!X`: any type. */
  | { readonly kind: 'object'; readonly type: string | undefined }
  /** A bare constructor (no id on the wire): `future_salt`, `%Message`. */
  | { readonly kind: 'bare'; readonly constructor: string };

export interface TlParam {
  /** As in the schema, snake_case. */
  readonly name: string;
  readonly type: TlType;
  /** `flags.N?T`: present only when bit N of that flags field is set. */
  readonly flag?: { readonly field: string; readonly bit: number };
}

export interface TlEntry {
  readonly kind: 'constructor' | 'method';
  /** As in the schema, with its namespace: `messages.sendMessage`, `p_q_inner_data`. */
  readonly name: string;
  /** The constructor id, unsigned. */
  readonly id: number;
  readonly params: readonly TlParam[];
  /** The type a constructor builds, or a method's result type, as written: `Updates`, `Vector<long>`. */
  readonly type: string;
}

const PRIMITIVES = new Set(['int', 'long', 'double', 'string', 'bytes', 'int128', 'int256', 'Bool', 'true', '#']);

/** A type as written in a schema: `int`, `Vector<long>`, `vector<%Message>`, `!X`, `future_salt`. */
export function parseType(text: string, generics: ReadonlySet<string> = new Set()): TlType {
  const written = text.trim();
  const vector = /^([Vv])ector\s*<(.+)>$/.exec(written);
  if (vector) return { kind: 'vector', boxed: vector[1] === 'V', of: parseType(vector[2]!, generics) };
  if (written === 'int53') return { kind: 'long' }; // mtcute's name for ids that fit a double; a long on the wire
  if (PRIMITIVES.has(written)) return { kind: written as 'int' };
  const name = written.replace(/^!/, '');
  if (name === 'Object' || generics.has(name)) return { kind: 'object', type: undefined };
  if (name.startsWith('%')) return { kind: 'bare', constructor: name.slice(1) };
  const last = name.slice(name.lastIndexOf('.') + 1);
  // A lower-case name is a constructor: the value is bare (serialize: "bare types").
  if (/^[a-z]/.test(last)) return { kind: 'bare', constructor: name };
  return { kind: 'object', type: name };
}

/** `flags.3?Vector<long>` → the flag and the type. */
function parseParam(name: string, written: string, generics: ReadonlySet<string>): TlParam {
  const conditional = /^(\w+)\.(\d+)\?(.+)$/.exec(written);
  if (conditional) return { name, flag: { field: conditional[1]!, bit: Number(conditional[2]) }, type: parseType(conditional[3]!, generics) };
  return { name, type: parseType(written, generics) };
}

/** Every `name#id … = Type;` line of a TL text schema; lines without an id are skipped. */
export function parseTlText(text: string): TlEntry[] {
  const entries: TlEntry[] = [];
  let kind: TlEntry['kind'] = 'constructor';
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\/\/.*$/, '').trim();
    if (!line) continue;
    if (line === '---functions---') kind = 'method';
    else if (line === '---types---') kind = 'constructor';
    const match = /^([\w.]+)#([0-9a-f]{1,8})\s+(.*?)\s*=\s*([^;]+);$/.exec(line);
    if (!match) continue;
    const [, name, hexId, body, type] = match as unknown as [string, string, string, string, string];
    const generics = new Set<string>();
    const params: TlParam[] = [];
    for (const token of body.split(/\s+/).filter(Boolean)) {
      const generic = /^\{(\w+):Type\}$/.exec(token);
      if (generic) {
        generics.add(generic[1]!);
        continue;
      }
      const param = /^(\w+):(.+)$/.exec(token);
      if (param) params.push(parseParam(param[1]!, param[2]!, generics));
    }
    entries.push({ kind, name, id: parseInt(hexId, 16) >>> 0, params, type: type.trim() });
  }
  return entries;
}

/** One entry of mtcute's JSON schema (`@mtcute/core/tl/api-schema.json`, field `e`). */
export interface MtcuteJsonEntry {
  kind: 'class' | 'method';
  name: string;
  id: number;
  type: string;
  typeModifiers?: { isVector?: boolean; isBareVector?: boolean; isBareType?: boolean };
  generics?: Array<{ name: string }>;
  arguments: Array<{
    name: string;
    type: string;
    typeModifiers?: { predicate?: string; isVector?: boolean; isBareVector?: boolean; isBareType?: boolean };
  }>;
}

function withModifiers(base: string, modifiers: MtcuteJsonEntry['typeModifiers']): string {
  if (modifiers?.isBareVector) return `vector<${modifiers.isBareType ? '%' : ''}${base}>`;
  if (modifiers?.isVector) return `Vector<${base}>`;
  return base;
}

export function fromMtcuteJson(entries: readonly MtcuteJsonEntry[]): TlEntry[] {
  return entries.map((entry) => {
    const generics = new Set((entry.generics ?? []).map((generic) => generic.name));
    const params = entry.arguments.map((argument) => {
      const written = withModifiers(argument.type, argument.typeModifiers);
      const predicate = argument.typeModifiers?.predicate;
      return parseParam(argument.name, predicate ? `${predicate}?${written}` : written, generics);
    });
    return { kind: entry.kind === 'method' ? 'method' : 'constructor', name: entry.name, id: entry.id >>> 0, params, type: withModifiers(entry.type, entry.typeModifiers) };
  });
}
