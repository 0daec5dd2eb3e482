import { botApiBehaviourSuite } from './behaviour';
import { grammy } from './grammy-bot';

botApiBehaviourSuite(grammy);
