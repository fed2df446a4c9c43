/**
 * The model files shipped with the product in models/ (resolved from this file, not from the
 * working directory). A task's shipped model is the `.dtlm` whose header names the task
 * (the highest file name if several, so `-v2` beats `-v1`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readModelHeader } from './model-file.ts';

export const MODELS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'models');

/** task → file path of every readable model file in dir. */
export function shippedModels(dir = MODELS_DIR): Map<string, string> {
  let files: string[] = [];
  try {
    files = fs.readdirSync(dir).filter((f) => f.endsWith('.dtlm'));
  } catch {
    files = [];
  }
  const out = new Map<string, string>();
  for (const f of files.sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))) {
    try {
      out.set(readModelHeader(fs.readFileSync(path.join(dir, f))).header.task, path.join(dir, f));
    } catch {
      /* unreadable files are not offered */
    }
  }
  return out;
}

export function findShippedModel(task: string, dir = MODELS_DIR): string | null {
  return shippedModels(dir).get(task) ?? null;
}
