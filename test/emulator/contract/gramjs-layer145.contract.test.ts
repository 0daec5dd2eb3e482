import { behaviourSuite } from './behaviour';
import { gramJsLayer145 } from './gramjs-client';
import { inWorker } from './worker-client';

// In a worker: GramJS 2.12 leaves a 60 s timer running after destroy() (see worker-client.ts).
behaviourSuite(inWorker(gramJsLayer145, require.resolve('./gramjs-client'), 'gramJsLayer145'));
