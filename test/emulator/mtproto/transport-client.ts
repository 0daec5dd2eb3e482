/**
 * A raw MTProto transport client for tests: speaks any of the server's transports (plain or
 * obfuscated) over a socket, framing with the emulator's own codecs, which are symmetric.
 */
import { connect, type Socket } from 'node:net';
import { randomBytes } from 'node:crypto';
import {
  AbridgedCodec, ByteQueue, FullCodec, IntermediateCodec, makeObfuscatedInit, type PacketCodec,
} from '../../../src/emulator/mtproto/transport';

export const TRANSPORTS = [
  'full', 'abridged', 'intermediate', 'padded-intermediate',
  'obfuscated abridged', 'obfuscated intermediate', 'obfuscated padded-intermediate',
] as const;
export type TestTransport = (typeof TRANSPORTS)[number];

function codecOf(name: string): { codec: PacketCodec; tag: Buffer } {
  switch (name) {
    case 'full': return { codec: new FullCodec(), tag: Buffer.alloc(0) };
    case 'abridged': return { codec: new AbridgedCodec(), tag: Buffer.from([0xef]) };
    case 'intermediate': return { codec: new IntermediateCodec(false), tag: Buffer.from('eeeeeeee', 'hex') };
    case 'padded-intermediate': return { codec: new IntermediateCodec(true), tag: Buffer.from('dddddddd', 'hex') };
    default: throw new Error(`no transport ${name}`);
  }
}

/** Random 64 bytes that do not look like any plain transport (the spec's exclusions). */
function obfuscationRandom(): Buffer {
  for (;;) {
    const random = randomBytes(64);
    const head = random.readUInt32LE(0);
    if (random[0] === 0xef || random.readUInt32LE(4) === 0) continue;
    if ([0x44414548, 0x54534f50, 0x20544547, 0x4954504f, 0xdddddddd, 0xeeeeeeee, 0x02010316].includes(head)) continue;
    return random;
  }
}

export class TransportClient {
  readonly socket: Socket;
  readonly closed: Promise<void>;
  private readonly codec: PacketCodec;
  private readonly queue = new ByteQueue();
  private readonly payloads: Buffer[] = [];
  private waiting?: () => void;
  private readonly encrypt: (data: Buffer) => Buffer;
  private readonly decrypt: (data: Buffer) => Buffer;
  private opening: Buffer;

  constructor(port: number, readonly transport: TestTransport) {
    const obfuscated = transport.startsWith('obfuscated ');
    const inner = obfuscated ? transport.slice('obfuscated '.length) : transport;
    const { codec, tag } = codecOf(inner);
    this.codec = codec;
    if (obfuscated) {
      const { init, streams } = makeObfuscatedInit(inner as 'abridged', 2, obfuscationRandom());
      this.opening = init;
      this.encrypt = (data) => streams.encrypt(data);
      this.decrypt = (data) => streams.decrypt(data);
    } else {
      this.opening = tag;
      this.encrypt = this.decrypt = (data) => data;
    }
    this.socket = connect(port, '127.0.0.1');
    this.socket.on('error', () => undefined);
    this.socket.on('data', (chunk) => {
      this.queue.push(this.decrypt(chunk));
      for (let payload = this.codec.decode(this.queue); payload; payload = this.codec.decode(this.queue)) this.payloads.push(Buffer.from(payload));
      this.waiting?.();
    });
    this.closed = new Promise((resolve) => this.socket.on('close', () => {
      this.waiting?.();
      resolve();
    }));
  }

  /** Sends one payload (the first call also sends the transport's opening bytes). */
  send(payload: Buffer): void {
    this.write(this.codec.encode(payload));
  }

  /** Writes raw (already framed) bytes, encrypted when obfuscated; the opening goes first. */
  write(bytes: Buffer): void {
    const opening = this.opening;
    this.opening = Buffer.alloc(0);
    if (opening.length && this.transport.startsWith('obfuscated ')) this.socket.write(opening);
    this.socket.write(opening.length && !this.transport.startsWith('obfuscated ') ? Buffer.concat([opening, this.encrypt(bytes)]) : this.encrypt(bytes));
  }

  /** The next payload from the server; rejects if the connection closes first. */
  async receive(): Promise<Buffer> {
    while (this.payloads.length === 0) {
      if (this.socket.destroyed) throw new Error(`the server closed the ${this.transport} connection`);
      await new Promise<void>((resolve) => (this.waiting = resolve));
    }
    return this.payloads.shift()!;
  }

  destroy(): void {
    this.socket.destroy();
  }
}
