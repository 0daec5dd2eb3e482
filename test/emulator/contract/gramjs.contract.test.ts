import { behaviourSuite } from './behaviour';
import { gramJs } from './gramjs-client';

behaviourSuite(gramJs);
