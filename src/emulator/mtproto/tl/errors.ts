import { DecodeError } from '../codec';

/**
 * A request that does not decode in the client's layer, with where: the innermost object first,
 * then each object and field it sits in (`constructor 0x1234abcd is not in layer 198, in
 * inputMediaUploadedPhoto.file, in messages.sendMedia.media, in invokeWithLayer.query`).
 */
export class TlDecodeError extends DecodeError {
  /** Where the failure sits, innermost first: `messages.sendMedia.media`, … */
  readonly trail: string[] = [];

  constructor(
    readonly reason: string,
    /** The constructor that is not in the layer, when that is the failure. */
    readonly unknownConstructor?: number,
    readonly layer?: number,
  ) {
    super(reason);
    this.name = 'TlDecodeError';
  }

  /** Adds the enclosing object (and the field being read) to the trail. */
  within(entryName: string, field: string | undefined): this {
    this.trail.push(field ? `${entryName}.${field}` : entryName);
    this.message = [this.reason, ...this.trail.map((place) => `in ${place}`)].join(', ');
    return this;
  }

  /** The outermost object of the trail: the method, when a request failed inside it. */
  get outermost(): string | undefined {
    return this.trail[this.trail.length - 1]?.split('.').slice(0, -1).join('.') || this.trail[this.trail.length - 1];
  }
}

/** An answer that cannot be written in the client's layer: a handler bug, a 500 for the caller. */
export class TlEncodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TlEncodeError';
  }
}
