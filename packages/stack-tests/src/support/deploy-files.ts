import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';

/** The repository root (this file is packages/stack-tests/dist/support/deploy-files.js). */
export const REPO_ROOT = new URL('../../../../', import.meta.url).pathname;
export const DEPLOY_DIR = join(REPO_ROOT, 'deploy');

export function deployPath(...parts: string[]): string {
  return join(DEPLOY_DIR, ...parts);
}

export function readDeployText(...parts: string[]): string {
  return readFileSync(deployPath(...parts), 'utf8');
}

/** One YAML document, as plain data; a syntax error throws with the file named. */
export function readYaml(...parts: string[]): unknown {
  const text = readDeployText(...parts);
  try {
    return parse(text, { strict: true, uniqueKeys: true });
  } catch (error: unknown) {
    throw new Error(`${parts.join('/')}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/** Every document of a multi-document YAML file (Kubernetes manifests), errors included. */
export function readYamlDocuments(...parts: string[]): unknown[] {
  return parseAllDocuments(readDeployText(...parts))
    .flatMap((doc) => {
      if (doc.errors.length > 0) throw new Error(`${parts.join('/')}: ${doc.errors.map((e) => e.message).join('; ')}`);
      return [doc.toJS() as unknown];
    })
    .filter((doc) => doc !== null);
}

export function listDeployFiles(dir: string, suffix: string): string[] {
  return readdirSync(deployPath(dir))
    .filter((name) => name.endsWith(suffix))
    .sort();
}

/** A plain object, or a readable failure naming where it was expected. */
export function asRecord(value: unknown, where: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error(`${where}: expected a mapping`);
  return value as Record<string, unknown>;
}

export function asArray(value: unknown, where: string): unknown[] {
  if (!Array.isArray(value)) throw new Error(`${where}: expected a list`);
  return value;
}
