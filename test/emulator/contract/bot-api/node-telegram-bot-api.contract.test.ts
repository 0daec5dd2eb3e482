import { botApiBehaviourSuite } from './behaviour';
import { nodeTelegramBotApi } from './node-telegram-bot-api-bot';

botApiBehaviourSuite(nodeTelegramBotApi);
