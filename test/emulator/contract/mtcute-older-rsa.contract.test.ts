import { behaviourSuite } from './behaviour';
import { mtcuteFactory } from './mtcute-client';

// The older RSA encryption of p_q_inner_data (sha1 + data + padding), which Telegram still
// accepts, spoken by unmodified mtcute for a key registered as old.
behaviourSuite(mtcuteFactory({ pfs: false, olderRsa: true }));
