/**
 * Generates one layer's codec from its schema: for every constructor and method, a reader
 * (bytes → object) and a writer of its fields (object → bytes), as JavaScript source compiled
 * with `new Function` the first time that constructor is used. Generated code reads and writes
 * straight fields with native bigints for longs, where walking a schema per value would cost
 * the round trip (issue 16 measured TL decoding as the client's largest share).
 *
 * Conventions of the objects (the "neutral" form every layer shares):
 *  - an object is an instance of the `telegram` package's `Api` class of the same name when
 *    there is one (handlers test `instanceof Api.X`), else a plain object with `className`;
 *  - fields by camelCase name; longs are bigints (any number form is accepted when writing);
 *    `int128`/`int256` are Buffers; `bytes` Buffers; `string` strings;
 *  - an absent conditional field is `undefined` (never `null`); a `true` flag is a boolean;
 *  - writing drops fields the layer lacks and defaults required ones it has but the object
 *    does not (0, '', empty bytes, false, [], or the type's simplest constructor).
 */
import type { TlEntry, TlParam, TlType } from './schema';
import { classNameOf, fieldKeyOf, type ApiClass } from './names';

export interface CompiledLayer {
  /** Entry index by constructor id. */
  readonly indexById: Map<number, number>;
  readonly entries: readonly TlEntry[];
  readonly classNames: readonly string[];
  /** Readers by entry index (the constructor id already read). */
  readonly read: ReadonlyArray<(r: unknown) => object>;
  /** Field writers by entry index (the caller writes the constructor id when boxed). */
  readonly write: ReadonlyArray<(w: unknown, o: any) => void>;
}

/** What generated code calls back into: the layer's codec (nested objects, defaults, errors). */
export interface CompileHost {
  readObject(r: unknown): object;
  readBare(r: unknown, constructor: string): object;
  writeObject(w: unknown, o: unknown, expectedType: string | null): void;
  writeBare(w: unknown, o: unknown, constructor: string): void;
  defaultOf(type: string): object;
  /** The codec of another layer (invokeWithLayer's query is read in the layer it names). */
  readObjectInLayer(r: unknown, layer: number): object;
  trail(error: unknown, entryName: string, field: string): Error;
  vectorId(r: unknown): void;
  count(r: unknown): number;
}

const json = JSON.stringify;

function readStatement(type: TlType, target: string, depth: number, field: string): string {
  switch (type.kind) {
    case 'int': return `${target} = r.int();`;
    case 'long': return `${target} = r.long();`;
    case 'double': return `${target} = r.double();`;
    case 'string': return `${target} = r.string();`;
    case 'bytes': return `${target} = r.bytes();`;
    case 'int128': return `${target} = r.raw(16);`;
    case 'int256': return `${target} = r.raw(32);`;
    case 'Bool': return `${target} = r.bool();`;
    case 'true': return `${target} = true;`;
    case '#': return `${target} = r.uint();`;
    case 'object': return `at = ${json(field)}; ${target} = h.readObject(r);`;
    case 'bare': return `at = ${json(field)}; ${target} = h.readBare(r, ${json(type.constructor)});`;
    case 'vector': {
      const n = `n${depth}`, list = `l${depth}`, i = `i${depth}`;
      return `{ ${type.boxed ? 'h.vectorId(r); ' : ''}const ${n} = h.count(r); const ${list} = new Array(${n}); ` +
        `for (let ${i} = 0; ${i} < ${n}; ${i}++) { ${readStatement(type.of, `${list}[${i}]`, depth + 1, field)} } ${target} = ${list}; }`;
    }
  }
}

function writeStatement(type: TlType, value: string, depth: number): string {
  switch (type.kind) {
    case 'int': return `w.int(${value});`;
    case 'long': return `w.long(${value});`;
    case 'double': return `w.double(${value});`;
    case 'string': return `w.string(${value});`;
    case 'bytes': return `w.bytes(${value});`;
    case 'int128': return `w.fixed(${value}, 16);`;
    case 'int256': return `w.fixed(${value}, 32);`;
    case 'Bool': return `w.bool(${value});`;
    case 'true': return '';
    case '#': return `w.uint(${value});`;
    case 'object': return `h.writeObject(w, ${value}, ${type.type === undefined ? 'null' : json(type.type)});`;
    case 'bare': return `h.writeBare(w, ${value}, ${json(type.constructor)});`;
    case 'vector': {
      const list = `l${depth}`, item = `e${depth}`;
      return `{ const ${list} = ${value} || []; ${type.boxed ? 'w.uint(0x1cb5c415); ' : ''}w.int(${list}.length); ` +
        `for (const ${item} of ${list}) { ${writeStatement(type.of, item, depth + 1)} } }`;
    }
  }
}

/** A value counts as present for its flag unless undefined, null, or false (false is a value for a Bool). */
function presentTest(param: TlParam, value: string): string {
  if (param.type.kind === 'true') return `${value}`;
  if (param.type.kind === 'Bool') return `${value} != null`;
  return `(${value} != null && ${value} !== false)`;
}

function readerSource(entry: TlEntry, index: number, className: string, apiClass: ApiClass | undefined): string {
  const lines: string[] = ['let at = "";', 'try {', 'const a = {};'];
  for (const param of entry.params) {
    const key = fieldKeyOf(param.name);
    if (param.type.kind === '#') {
      lines.push(`const f_${param.name} = r.uint();`);
      continue;
    }
    if (entry.name === 'invokeWithLayer' && param.name === 'query') {
      lines.push(`at = "query"; a.query = h.readObjectInLayer(r, a.layer);`);
      continue;
    }
    const read = readStatement(param.type, `a.${key}`, 0, param.name);
    if (param.flag) {
      const test = `(f_${param.flag.field} & ${(1 << param.flag.bit) >>> 0}) !== 0`;
      lines.push(param.type.kind === 'true' ? `a.${key} = ${test};` : `if (${test}) { ${read} } else a.${key} = undefined;`);
    } else lines.push(read);
  }
  const classType = entry.kind === 'method' ? 'request' : 'constructor';
  const meta = `o.CONSTRUCTOR_ID = ${entry.id}; o.className = ${json(className)}; o.classType = ${json(classType)};`;
  if (apiClass) {
    lines.push(`const o = Object.create(P[${index}]); ${meta} o.SUBCLASS_OF_ID = ${apiClass.SUBCLASS_OF_ID}; o.originalArgs = a; Object.assign(o, a); return o;`);
  } else {
    lines.push(`const o = a; ${meta} return o;`);
  }
  lines.push(`} catch (error) { throw h.trail(error, ${json(entry.name)}, at); }`);
  return `function (r) { ${lines.join('\n')} }`;
}

function writerSource(entry: TlEntry): string {
  const lines: string[] = [];
  const flagFields = entry.params.filter((param) => param.type.kind === '#');
  for (const flags of flagFields) {
    lines.push(`let f_${flags.name} = 0;`);
    for (const param of entry.params) {
      if (param.flag?.field !== flags.name) continue;
      lines.push(`if (${presentTest(param, `o.${fieldKeyOf(param.name)}`)}) f_${flags.name} |= ${(1 << param.flag.bit) >>> 0};`);
    }
  }
  for (const param of entry.params) {
    const key = `o.${fieldKeyOf(param.name)}`;
    if (param.type.kind === '#') {
      lines.push(`w.uint(f_${param.name} >>> 0);`);
    } else if (param.flag) {
      if (param.type.kind !== 'true') lines.push(`if ((f_${param.flag.field} & ${(1 << param.flag.bit) >>> 0}) !== 0) { ${writeStatement(param.type, key, 0)} }`);
    } else if (param.type.kind === 'object' && param.type.type !== undefined) {
      lines.push(`{ let v = ${key}; if (v == null) v = h.defaultOf(${json(param.type.type)}); ${writeStatement(param.type, 'v', 0)} }`);
    } else {
      lines.push(writeStatement(param.type, key, 0));
    }
  }
  return `function (w, o) { ${lines.join('\n')} }`;
}

/**
 * Compiles a layer. `classes` gives the `telegram` package's classes by class name; `host` is
 * the layer's codec, which the generated functions call for nested objects. Each constructor's
 * functions are generated the first time it is read or written: a session touches a few dozen
 * of a layer's ~2400 entries, so a layer costs little more than parsing its schema.
 */
export function compileLayer(entries: readonly TlEntry[], classes: ReadonlyMap<string, ApiClass>, host: CompileHost): CompiledLayer {
  const classNames = entries.map((entry) => classNameOf(entry.name));
  const read: Array<(r: unknown) => object> = entries.map((entry, index) => (r: unknown) => {
    const apiClass = classes.get(classNames[index]!);
    const build = new Function('h', 'P', `"use strict"; return ${readerSource(entry, index, classNames[index]!, apiClass)};`);
    const prototypes: unknown[] = [];
    prototypes[index] = apiClass?.prototype;
    read[index] = build(host, prototypes) as (r: unknown) => object;
    return read[index]!(r);
  });
  const write: Array<(w: unknown, o: any) => void> = entries.map((entry, index) => (w: unknown, o: any) => {
    write[index] = new Function('h', `"use strict"; return ${writerSource(entry)};`)(host) as (w: unknown, o: any) => void;
    write[index]!(w, o);
  });
  const indexById = new Map<number, number>();
  entries.forEach((entry, index) => indexById.set(entry.id, index));
  return { indexById, entries, classNames, read, write };
}
