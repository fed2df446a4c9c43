import type { Logger } from 'pino';
import type { Config } from './config.ts';
import type { Database, Db } from './db.ts';
import type { FileStore } from './files.ts';

/** What services need from the platform, passed explicitly rather than imported as globals. */
export interface AppContext {
  config: Config;
  database: Database;
  db: Db;
  files: FileStore;
  log: Logger;
  /** The province this deployment serves (public pages answer for it). */
  tenantId: () => string;
}
