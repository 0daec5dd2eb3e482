import assert from 'node:assert/strict';
import { RPCError } from 'telegram/errors';

/** The RPCError a real GramJS call rejects with; fails the test if it resolves or throws anything else. */
export async function rpcRejection(promise: Promise<unknown>): Promise<RPCError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof RPCError, `expected an RPCError, got ${error}`);
    return error;
  }
  assert.fail('expected the call to fail');
}
