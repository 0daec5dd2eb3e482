/**
 * A stand-in for one client's connection, for calling handlers directly: it keeps which
 * account the (imaginary) auth key is signed in to, as the session layer does, and builds a
 * RequestContext per call. No sockets, no bytes; the state is real.
 */
import { randomBytes } from 'node:crypto';
import bigInt, { type BigInteger } from 'big-integer';
import { Api } from 'telegram';
import { createHandlers } from '../../../../src/emulator/mtproto/handlers';
import type { HandlerRegistry, RequestContext } from '../../../../src/emulator/mtproto/handler';
import type { TelegramState } from '../../../../src/emulator/state';
import { imageFile } from '../../images';

export const SERVER = { host: '127.0.0.1', port: 24567, dcId: 2 } as const;

export class FakeSession {
  accountId: number | undefined;

  constructor(readonly state: TelegramState, readonly handlers: HandlerRegistry = createHandlers()) {}

  context(method: string): RequestContext {
    const signedIn = () => this.accountId;
    return {
      state: this.state,
      method,
      get accountId() {
        return signedIn();
      },
      signIn: (id) => {
        this.accountId = id;
      },
      signOut: () => {
        this.accountId = undefined;
      },
      server: SERVER,
    };
  }

  /** Calls the handler for `request.className`, as dispatch would after its own checks. */
  async invoke<T = any>(request: { className: string }): Promise<T> {
    const handler = this.handlers[request.className];
    if (!handler) throw new Error(`no handler for ${request.className}`);
    return (await handler(this.context(request.className), request)) as T;
  }

  /** Signs a new test number up through auth.sendCode → signIn → signUp. */
  async signUp(phone: string, firstName: string, lastName = ''): Promise<Api.User> {
    const sent = await this.invoke<Api.auth.SentCode>(new Api.auth.SendCode({ phoneNumber: phone, apiId: 1, apiHash: 'x', settings: new Api.CodeSettings({}) }));
    const code = phone.charAt(5).repeat(5);
    const first = await this.invoke(new Api.auth.SignIn({ phoneNumber: phone, phoneCodeHash: sent.phoneCodeHash, phoneCode: code }));
    if (!(first instanceof Api.auth.AuthorizationSignUpRequired)) throw new Error(`${phone} is already signed up`);
    const authorization = await this.invoke<Api.auth.Authorization>(new Api.auth.SignUp({ phoneNumber: phone, phoneCodeHash: sent.phoneCodeHash, firstName, lastName }));
    return authorization.user as Api.User;
  }
}

/** A real PNG of the given pixel size (the emulator decodes photos); `noise` makes it large. */
export function pngFile(width: number, height: number, options: { seed?: number; noise?: boolean } = {}): Promise<Buffer> {
  return imageFile({ width, height, ...options });
}

/** Uploads `bytes` in parts of `partSize` with upload.saveFilePart; returns the InputFile to send. */
export async function upload(session: FakeSession, bytes: Buffer, name = 'photo.png', partSize = 512 * 1024): Promise<Api.InputFile> {
  const fileId = BigInt('0x' + randomBytes(7).toString('hex'));
  const parts = Math.ceil(bytes.length / partSize);
  for (let part = 0; part < parts; part++) {
    await session.invoke(new Api.upload.SaveFilePart({ fileId: long(fileId), filePart: part, bytes: bytes.subarray(part * partSize, (part + 1) * partSize) }));
  }
  return new Api.InputFile({ id: long(fileId), parts, name, md5Checksum: '' });
}

export function long(value: bigint | number): BigInteger {
  return bigInt(value.toString());
}

/** An InputPeerUser for an account the state knows. */
export function inputPeer(state: TelegramState, id: number): Api.InputPeerUser {
  const account = state.requireAccount(id);
  return new Api.InputPeerUser({ userId: long(account.id), accessHash: long(account.accessHash) });
}

/** The TelegramError name a promise rejects with. */
export async function rpcError(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    const name = (error as { errorMessage?: string }).errorMessage;
    if (name) return name;
    throw error;
  }
  throw new Error('expected an RPC error, but the call succeeded');
}
