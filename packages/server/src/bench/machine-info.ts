import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg, totalmem } from 'node:os';
import { version as duckDbVersion } from '@duckdb/node-api';

export interface MachineInfo {
  cpuModel: string;
  /** Logical cores Node may use. */
  cores: number;
  memoryGb: number;
  node: string;
  duckdb: string;
  /** 1-minute load average when the run started: anything well above 0 means the figures were shared. */
  loadAverage1m: number;
}

function cpuModel(): string {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('model name'));
    return line?.split(':')[1]?.trim() ?? 'unknown';
  } catch {
    return 'unknown (no /proc/cpuinfo)';
  }
}

export function machineInfo(): MachineInfo {
  return {
    cpuModel: cpuModel(),
    cores: availableParallelism(),
    memoryGb: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    duckdb: duckDbVersion(),
    loadAverage1m: Math.round(loadavg()[0] * 100) / 100,
  };
}
