import type { Pool, PoolClient } from 'pg';

/**
 * Runs `work` in one transaction on one connection: COMMIT when it resolves, ROLLBACK when it
 * throws. Every repository change that touches more than one row goes through here, so a
 * failure (the database going away included) leaves nothing half-written.
 */
export async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  // A checked-out client whose server goes away between two queries emits 'error'; without a
  // listener that would crash the process. Note it; the next query fails and we roll back.
  const onError = () => {
    broken = true;
  };
  client.on('error', onError);
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {
      broken = true;
    });
    throw error;
  } finally {
    // A broken client is destroyed on release; its listener stays to absorb late errors.
    if (!broken) client.off('error', onError);
    client.release(broken);
  }
}
