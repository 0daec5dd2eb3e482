/**
 * The standalone emulator's settings for the test DC's misbehaviour (`npm run emulator`), read
 * from the environment and checked before anything starts: a wrong value stops the emulator with
 * a message naming the setting and what it takes.
 *
 *   EMULATOR_STRANGERS_EVERY_MS      strangers write to test accounts about this often (ms)
 *   EMULATOR_STRANGERS_MAX           … at most this many messages in all (default 100)
 *   EMULATOR_LOGIN_CODES_PER_HOUR    login codes per number per hour; then FLOOD_WAIT_X
 *   EMULATOR_PASSWORD_NUMBERS        test numbers locked by a stranger's 2FA (SESSION_PASSWORD_NEEDED), comma-separated
 *   EMULATOR_BANNED_NUMBERS          test numbers answering PHONE_NUMBER_BANNED, comma-separated
 *   EMULATOR_WIPE_ACCOUNTS_EVERY_MS  every user account is deleted this often (ms), as the test DC is wiped
 */
import type { EmulatorControl } from './control/control';

export interface FaultSettings {
  strangers?: { everyMs: number; max: number };
  loginCodesPerHour?: number;
  passwordNumbers: string[];
  bannedNumbers: string[];
  wipeAccountsEveryMs?: number;
}

export class SettingError extends Error {
  constructor(readonly setting: string, value: string, expected: string) {
    super(`${setting}=${value} is not valid: use ${expected} (or leave it unset).`);
    this.name = 'SettingError';
  }
}

function positiveInteger(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new SettingError(name, raw, 'a whole number above 0');
  return value;
}

function testNumbers(env: NodeJS.ProcessEnv, name: string): string[] {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return [];
  const numbers = raw.split(',').map((part) => part.trim().replace(/^\+/, ''));
  if (numbers.some((number) => !/^99966[1-3]\d{4}$/.test(number))) throw new SettingError(name, raw, 'test numbers 99966XYYYY (X = 1, 2 or 3), comma-separated');
  return numbers;
}

export function readFaultSettings(env: NodeJS.ProcessEnv = process.env): FaultSettings {
  const everyMs = positiveInteger(env, 'EMULATOR_STRANGERS_EVERY_MS');
  const max = positiveInteger(env, 'EMULATOR_STRANGERS_MAX');
  if (max !== undefined && everyMs === undefined) throw new SettingError('EMULATOR_STRANGERS_MAX', String(max), 'it together with EMULATOR_STRANGERS_EVERY_MS');
  return {
    strangers: everyMs === undefined ? undefined : { everyMs, max: max ?? 100 },
    loginCodesPerHour: positiveInteger(env, 'EMULATOR_LOGIN_CODES_PER_HOUR'),
    passwordNumbers: testNumbers(env, 'EMULATOR_PASSWORD_NUMBERS'),
    bannedNumbers: testNumbers(env, 'EMULATOR_BANNED_NUMBERS'),
    wipeAccountsEveryMs: positiveInteger(env, 'EMULATOR_WIPE_ACCOUNTS_EVERY_MS'),
  };
}

/** Turns the settings' faults on through the control surface. */
export function applyFaultSettings(control: EmulatorControl, settings: FaultSettings): void {
  if (settings.loginCodesPerHour !== undefined) control.limitLoginCodes(settings.loginCodesPerHour);
  for (const number of settings.passwordNumbers) control.protectWithPassword(number);
  for (const number of settings.bannedNumbers) control.banNumber(number);
  if (settings.wipeAccountsEveryMs !== undefined) control.scheduleAccountWipes(settings.wipeAccountsEveryMs);
  if (settings.strangers) control.startStrangers(settings.strangers);
}
