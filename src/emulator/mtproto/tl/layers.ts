/**
 * The TL layers the emulator serves, each generated from a schema an npm package ships:
 *
 * | layer | schema                                                  | clients that speak it           |
 * |-------|---------------------------------------------------------|---------------------------------|
 * | 145   | `telegram@2.12.8` `tl/apiTl.js` (as `telegram-layer-145`) | GramJS 2.12, older clients      |
 * | 198   | `telegram@2.26.22` `tl/apiTl.js` (the pinned GramJS)      | the suite's GramJS clients      |
 * | 227   | `@mtcute/core@0.30.3` `tl/api-schema.json`               | mtcute 0.30 (`@mtcute/node`)    |
 *
 * The MTProto service schema (`telegram/tl/schemaTl.js`) is part of every layer: it does not
 * change with the API layer. A layer is compiled the first time a client declares it. A client
 * declaring a layer not listed gets the nearest one below it (or the oldest), as the closest
 * schema the emulator has; that choice is logged once per layer.
 */
import { readFileSync } from 'node:fs';
import apiTl145 = require('telegram-layer-145/tl/apiTl.js');
import apiTl198 = require('telegram/tl/apiTl.js');
import schemaTl = require('telegram/tl/schemaTl.js');
import { LayerCodec } from './layer-codec';
import { fromMtcuteJson, parseTlText, type MtcuteJsonEntry, type TlEntry, type TlParam, type TlType } from './schema';

interface LayerSource {
  readonly layer: number;
  readonly source: string;
  load(): TlEntry[];
}

const SOURCES: readonly LayerSource[] = [
  { layer: 145, source: 'telegram@2.12.8 (telegram-layer-145) tl/apiTl.js', load: () => parseTlText(apiTl145 as unknown as string) },
  { layer: 198, source: 'telegram@2.26.22 tl/apiTl.js', load: () => parseTlText(apiTl198 as unknown as string) },
  {
    layer: 227,
    source: '@mtcute/core@0.30.3 tl/api-schema.json',
    // Read when the layer is first used: 1.5 MB of JSON no other layer needs.
    load: () => fromMtcuteJson((JSON.parse(readFileSync(require.resolve('@mtcute/core/tl/api-schema.json'), 'utf8')) as { e: MtcuteJsonEntry[] }).e),
  },
];

/** The layer of the pinned `telegram` package: what a connection speaks until it declares one. */
export const DEFAULT_LAYER = 198;

/** Every layer served, oldest first. */
export const SERVED_LAYERS: readonly number[] = SOURCES.map((source) => source.layer);

/** In the MTProto schema `string` fields hold binary (pq, g_a, encrypted data…): read them as bytes. */
function binaryStrings(entries: TlEntry[]): TlEntry[] {
  const fix = (type: TlType): TlType => (type.kind === 'string' ? { kind: 'bytes' } : type.kind === 'vector' ? { ...type, of: fix(type.of) } : type);
  return entries.map((entry) => ({ ...entry, params: entry.params.map((param): TlParam => ({ ...param, type: fix(param.type) })) }));
}

let serviceEntries: TlEntry[] | undefined;
function mtprotoService(): TlEntry[] {
  serviceEntries ??= binaryStrings(parseTlText(schemaTl as unknown as string));
  return serviceEntries;
}

/** Names that are not objects of their own: `vector` and the Bool constructors are written natively. */
const NATIVE = new Set(['vector', 'boolTrue', 'boolFalse']);

const codecs = new Map<number, LayerCodec>();
const fallbackLogged = new Set<number>();

/** The served layer a client declaring `declared` gets. */
export function servedLayer(declared: number): number {
  if (SERVED_LAYERS.includes(declared)) return declared;
  const below = SERVED_LAYERS.filter((layer) => layer < declared);
  return below.length ? below[below.length - 1]! : SERVED_LAYERS[0]!;
}

/** The codec of a declared layer (compiled on first use; the nearest served layer for others). */
export function codecForLayer(declared: number, log?: (message: string) => void): LayerCodec {
  const layer = servedLayer(declared);
  if (layer !== declared && !fallbackLogged.has(declared)) {
    fallbackLogged.add(declared);
    log?.(`layer ${declared} is not served; answering in layer ${layer} (served: ${SERVED_LAYERS.join(', ')})`);
  }
  let codec = codecs.get(layer);
  if (!codec) {
    const source = SOURCES.find((candidate) => candidate.layer === layer)!;
    const entries = [...mtprotoService(), ...source.load()].filter((entry) => !NATIVE.has(entry.name));
    codec = new LayerCodec({ layer, source: source.source, entries, codecFor: (other) => codecForLayer(other, log) });
    codecs.set(layer, codec);
  }
  return codec;
}

/** Where each served layer's schema comes from (for the README and logs). */
export function layerSources(): ReadonlyArray<{ layer: number; source: string }> {
  return SOURCES.map(({ layer, source }) => ({ layer, source }));
}
