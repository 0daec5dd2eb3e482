import { behaviourSuite } from './behaviour';
import { mtcuteFactory } from './mtcute-client';

behaviourSuite(mtcuteFactory({ pfs: false }));
behaviourSuite(mtcuteFactory({ pfs: true }));
