/** Schema-driven, layer-aware TL: see `layers.ts` for the layers served and `compile.ts` for the objects. */
export { BOOL_FALSE, BOOL_TRUE, VECTOR, TlReader, TlWriter, toBigInt } from './binary';
export { TlDecodeError, TlEncodeError } from './errors';
export { LayerCodec } from './layer-codec';
export { codecForLayer, DEFAULT_LAYER, layerSources, SERVED_LAYERS, servedLayer } from './layers';
export { classNameOf, fieldKeyOf } from './names';
export { parseTlText, fromMtcuteJson, parseType, type TlEntry, type TlType } from './schema';
