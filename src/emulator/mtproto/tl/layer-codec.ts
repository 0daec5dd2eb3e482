/**
 * One TL layer's codec: decodes what a client sends and encodes what it is answered, in the
 * layer the client declared (core.telegram.org/api/invoking#layers). Built from a schema by
 * `compile.ts`; the MTProto service constructors (pings, salts, acks…) are part of every layer.
 */
import { TlReader, TlWriter, VECTOR, BOOL_FALSE, BOOL_TRUE } from './binary';
import { compileLayer, type CompileHost, type CompiledLayer } from './compile';
import { TlDecodeError, TlEncodeError } from './errors';
import { apiClasses } from './names';
import { parseType, type TlEntry, type TlType } from './schema';

export interface LayerCodecOptions {
  readonly layer: number;
  /** Which package the schema came from, for logs and the README. */
  readonly source: string;
  readonly entries: readonly TlEntry[];
  /** The codec of another layer (for invokeWithLayer inside this one). */
  codecFor(layer: number): LayerCodec;
}

export class LayerCodec implements CompileHost {
  readonly layer: number;
  readonly source: string;
  private readonly compiled: CompiledLayer;
  private readonly byClassName = new Map<string, number>();
  private readonly byTlName = new Map<string, number>();
  /** Constructors by the type they build, for defaults and bare types. */
  private readonly byType = new Map<string, number[]>();
  private readonly defaults = new Map<string, object>();
  private readonly resultTypes = new Map<string, TlType>();

  constructor(private readonly options: LayerCodecOptions) {
    this.layer = options.layer;
    this.source = options.source;
    this.compiled = compileLayer(options.entries, apiClasses(), this);
    options.entries.forEach((entry, index) => {
      const className = this.compiled.classNames[index]!;
      // A later entry of the same name wins (the API schema comes after the MTProto one).
      this.byClassName.set(className, index);
      this.byTlName.set(entry.name, index);
      if (entry.kind === 'constructor') {
        const list = this.byType.get(entry.type) ?? [];
        list.push(index);
        this.byType.set(entry.type, list);
      }
    });
  }

  // ── public ───────────────────────────────────────────────────────────────────────────────

  /** Decodes one boxed object (a request, a service message) from `data`. */
  decode(data: Buffer): any {
    return this.readObject(new TlReader(data));
  }

  /** Encodes one object (boxed), looked up by its class name in this layer. */
  encode(object: unknown): Buffer {
    const writer = new TlWriter();
    this.writeObject(writer, object, null);
    return writer.result();
  }

  /** Whether this layer has a constructor or method of this class name. */
  has(className: string): boolean {
    return this.byClassName.has(className);
  }

  /** The TL entry of a class name in this layer (its id, fields, type). */
  entryOf(className: string): TlEntry | undefined {
    const index = this.byClassName.get(className);
    return index === undefined ? undefined : this.compiled.entries[index];
  }

  /**
   * A method's result, boxed as the method's declared type says in this layer: `Bool` from a
   * boolean, `Vector<int>`/`Vector<long>` from numbers, `Vector<T>` from objects, else an object.
   */
  encodeResult(methodClassName: string, value: unknown): Buffer {
    const type = this.resultTypeOf(methodClassName);
    const writer = new TlWriter();
    this.writeValue(writer, type, value, methodClassName);
    return writer.result();
  }

  resultTypeOf(methodClassName: string): TlType {
    let type = this.resultTypes.get(methodClassName);
    if (!type) {
      const entry = this.entryOf(methodClassName);
      if (!entry || entry.kind !== 'method') throw new TlEncodeError(`${methodClassName} is not a method of layer ${this.layer}`);
      type = parseType(entry.type);
      this.resultTypes.set(methodClassName, type);
    }
    return type;
  }

  // ── called by generated code ───────────────────────────────────────────────────────────

  readObject(r: unknown): object {
    const reader = r as TlReader;
    const id = reader.uint();
    const index = this.compiled.indexById.get(id);
    if (index === undefined) {
      const name = `0x${id.toString(16).padStart(8, '0')}`;
      throw new TlDecodeError(`constructor ${name} is not in layer ${this.layer}`, id, this.layer);
    }
    return this.compiled.read[index]!(reader);
  }

  readObjectInLayer(r: unknown, layer: number): object {
    return this.options.codecFor(layer).readObject(r);
  }

  readBare(r: unknown, constructor: string): object {
    const index = this.bareIndex(constructor);
    return this.compiled.read[index]!(r);
  }

  writeObject(w: unknown, o: unknown, expectedType: string | null): void {
    const writer = w as TlWriter;
    if (o === null || typeof o !== 'object') throw new TlEncodeError(`${expectedType ?? 'an object'} expected, got ${String(o)}`);
    const object = o as { className?: string; _?: string };
    const index = (object.className !== undefined ? this.byClassName.get(object.className) : undefined)
      ?? (object._ !== undefined ? this.byTlName.get(object._) : undefined);
    if (index === undefined) {
      throw new TlEncodeError(`${object.className ?? object._ ?? 'an object without a class name'} does not exist in layer ${this.layer}`);
    }
    const entry = this.compiled.entries[index]!;
    if (expectedType !== null && entry.type !== expectedType) {
      throw new TlEncodeError(`${entry.name} is a ${entry.type} where layer ${this.layer} wants a ${expectedType}`);
    }
    writer.uint(entry.id);
    this.compiled.write[index]!(writer, o);
  }

  writeBare(w: unknown, o: unknown, constructor: string): void {
    this.compiled.write[this.bareIndex(constructor)]!(w, o ?? {});
  }

  /** The simplest constructor of a type, for a required field the object leaves out. */
  defaultOf(type: string): object {
    let value = this.defaults.get(type);
    if (!value) {
      const candidates = this.byType.get(type) ?? [];
      if (candidates.length === 0) throw new TlEncodeError(`layer ${this.layer} has no constructor of type ${type}`);
      const required = (index: number) => this.compiled.entries[index]!.params.filter((param) => !param.flag && param.type.kind !== '#').length;
      const simplest = [...candidates].sort((a, b) => required(a) - required(b))[0]!;
      value = { _: this.compiled.entries[simplest]!.name };
      this.defaults.set(type, value);
    }
    return value;
  }

  trail(error: unknown, entryName: string, field: string): Error {
    if (error instanceof TlDecodeError) return error.within(entryName, field || undefined);
    return new TlDecodeError((error as Error)?.message ?? String(error)).within(entryName, field || undefined);
  }

  vectorId(r: unknown): void {
    const id = (r as TlReader).uint();
    if (id !== VECTOR) throw new TlDecodeError(`0x${id.toString(16).padStart(8, '0')} where a Vector was expected`);
  }

  count(r: unknown): number {
    const reader = r as TlReader;
    const count = reader.int();
    if (count < 0 || count > reader.remaining) throw new TlDecodeError(`a vector of ${count} items in ${reader.remaining} bytes`);
    return count;
  }

  // ── internals ────────────────────────────────────────────────────────────────────────────

  private bareIndex(constructor: string): number {
    // `future_salt` names a constructor; `%Message` names a type with one constructor.
    const index = this.byTlName.get(constructor) ?? this.byType.get(constructor)?.[0];
    if (index === undefined) throw new TlEncodeError(`layer ${this.layer} has no constructor ${constructor}`);
    return index;
  }

  private writeValue(writer: TlWriter, type: TlType, value: unknown, what: string): void {
    switch (type.kind) {
      case 'Bool':
        if (typeof value !== 'boolean') throw new TlEncodeError(`${what} answers a Bool, got ${describe(value)}`);
        writer.uint(value ? BOOL_TRUE : BOOL_FALSE);
        return;
      case 'vector':
        if (!Array.isArray(value)) throw new TlEncodeError(`${what} answers a vector, got ${describe(value)}`);
        if (type.boxed) writer.uint(VECTOR);
        writer.int(value.length);
        for (const item of value) this.writeValue(writer, type.of, item, what);
        return;
      case 'int': writer.int(value); return;
      case 'long': writer.long(value); return;
      case 'object':
        if (value === null || typeof value !== 'object') throw new TlEncodeError(`${what} answers ${type.type ?? 'an object'}, got ${describe(value)}`);
        this.writeObject(writer, value, type.type ?? null);
        return;
      default:
        throw new TlEncodeError(`${what} answers a ${type.kind}, which no handler result is`);
    }
  }
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value === 'object') return (value as { className?: string }).className ?? value.constructor?.name ?? 'object';
  return typeof value;
}
