import { botApiBehaviourSuite } from './behaviour';
import { telegraf } from './telegraf-bot';

botApiBehaviourSuite(telegraf);
