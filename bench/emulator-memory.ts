/**
 * The emulator's memory under uploads: the standalone emulator (`npm run emulator`, its own
 * process, so its resident set is its own) receives photos from a GramJS user, sent to a bot
 * that a grammY-style poller reads (as the suite's bot does: each photo hands it a file_id),
 * and the user clears the chat with messages.deleteHistory (revoke) every 50 photos, as the
 * suite does before every scenario. The emulator's RSS (VmRSS from /proc) is read after 0, half
 * and all of the uploads.
 *
 * Flat means: from half to all of the uploads the RSS grows no more than 15 % — what cleared
 * history held is released, and what bots' file_ids keep stays within the media budget. The
 * bench sets a budget of 16 MB so that the uploads pass it several times over (100 KB photos:
 * 1000 of them are 100 MB); the default is 64 MB (`EMULATOR_MEDIA_BUDGET_MB`). In full mode a
 * second run of half the uploads with an unbounded budget (100 GB: nothing a bot saw is ever
 * evicted) shows what the budget saves.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { Api, type TelegramClient } from 'telegram';
import { CustomFile } from 'telegram/client/uploads';
import { encodePng } from '../scripts/png';
import { createEmulatorClient, emulatorEndpoint } from '../src/emulator/gramjs';
import type { BenchOptions, BenchResult, Figure } from './report';

const BUDGET_MB = 16;
const CLEAR_EVERY = 50;

interface EmulatorInfo {
  host: string;
  mtprotoPort: number;
  dcId: number;
  dcs: Array<{ id: number; host: string; port: number }>;
  rsaPublicKeyPem: string;
  botApiRoot: string;
  bot: { username: string; token: string };
}

async function startStandalone(budgetMb: number): Promise<{ child: ChildProcess; info: EmulatorInfo }> {
  const child = spawn(process.execPath, ['--require', 'ts-node/register', join(__dirname, '..', 'src', 'emulator', 'cli.ts')], {
    env: { ...process.env, TS_NODE_TRANSPILE_ONLY: 'true', EMULATOR_MEDIA_BUDGET_MB: String(budgetMb), EMULATOR_BOT_USERNAME: 'memory_bench_bot' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the standalone emulator exited (${code}) before printing its address: ${stderr.trim()}`)));
  });
  return { child, info: JSON.parse(line) as EmulatorInfo };
}

/** The resident set of a process, in MB (VmRSS). */
function rssMb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`no VmRSS for process ${pid}`);
  return Number(match[1]) / 1024;
}

/** Distinct photos of about 100 KB (incompressible rows, stored PNG). */
function photos(count: number): Buffer[] {
  return Array.from({ length: count }, (_, seed) =>
    encodePng(183, 183, (x, y) => [(x * 7 + y * 13 + seed * 17) & 255, (x * y + seed * 31) & 255, (x ^ y ^ seed) & 255], 0));
}

interface Run {
  budgetMb: number;
  uploads: number;
  photoBytes: number;
  rssMb: { start: number; half: number; end: number };
}

async function measure(budgetMb: number, uploads: number, log: (line: string) => void): Promise<Run> {
  const { child, info } = await startStandalone(budgetMb);
  let client: TelegramClient | undefined;
  try {
    client = createEmulatorClient(emulatorEndpoint(info), { params: { floodSleepThreshold: 0, autoReconnect: false } });
    const phone = '9996629901';
    await client.start({ phoneNumber: phone, phoneCode: async () => '22222', firstAndLastNames: async () => ['Bench', ''], onError: async (error) => { throw error; } });
    const peer = await client.getInputEntity(`@${info.bot.username}`);
    const api = `${info.botApiRoot}/bot${info.bot.token}`;
    let offset = 0;
    const pollBot = async () => {
      const body = (await (await fetch(`${api}/getUpdates?offset=${offset}&timeout=0`)).json()) as { result: Array<{ update_id: number }> };
      if (body.result.length) offset = body.result.at(-1)!.update_id + 1;
    };
    const pictures = photos(20);
    const start = rssMb(child.pid!);
    let half = Number.NaN;
    for (let i = 1; i <= uploads; i++) {
      const bytes = pictures[i % pictures.length]!;
      await client.sendFile(peer, { file: new CustomFile(`p${i}.png`, bytes.length, '', bytes) });
      if (i % CLEAR_EVERY === 0) {
        await pollBot();
        await client.invoke(new Api.messages.DeleteHistory({ peer, maxId: 0, revoke: true }));
      }
      if (i === uploads / 2) half = rssMb(child.pid!);
    }
    const end = rssMb(child.pid!);
    log(`emulator memory: budget ${budgetMb} MB, ${uploads} uploads: RSS ${start.toFixed(0)} → ${half.toFixed(0)} → ${end.toFixed(0)} MB`);
    return { budgetMb, uploads, photoBytes: pictures[0]!.length, rssMb: { start, half, end } };
  } finally {
    await client?.destroy().catch(() => undefined);
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

export async function runEmulatorMemory({ quick, log }: BenchOptions): Promise<BenchResult> {
  const uploads = quick ? 100 : 1000;
  const bounded = await measure(BUDGET_MB, uploads, log);
  const figures: Figure[] = [
    { key: 'emulator_rss_after_uploads_mb', label: `emulator RSS after ${uploads} photo uploads + clears (budget ${BUDGET_MB} MB)`, value: bounded.rssMb.end, unit: 'MB' },
    { key: 'emulator_rss_half_uploads_mb', label: `… after ${uploads / 2} (at start: ${bounded.rssMb.start.toFixed(0)} MB)`, value: bounded.rssMb.half, unit: 'MB' },
    {
      key: 'emulator_rss_growth', label: `emulator RSS growth ${uploads / 2} → ${uploads} uploads (flat: ≤ 1.15×)`,
      value: bounded.rssMb.end / bounded.rssMb.half, unit: '×', target: { op: '<=', value: 1.15 },
    },
  ];
  const runs = [bounded];
  if (!quick) {
    // Half the uploads are enough to show the growth the budget prevents, for half the time.
    const unbounded = await measure(100_000, uploads / 2, log);
    runs.push(unbounded);
    figures.push({ key: 'emulator_rss_unbounded_half_mb', label: `… after ${uploads / 2} with no budget (nothing a bot saw evicted)`, value: unbounded.rssMb.end, unit: 'MB' });
  }
  return { name: 'emulator-memory', figures, details: { runs, clearEvery: CLEAR_EVERY } };
}
