import type { Where } from "../../core/access/scope.js";
import type { RowReads } from "./row-reads.js";

/** A record's values as the resource hands them out: scalar fields, and each reference under its relation name. */
export type RecordValues = Record<string, unknown>;

/** Path of the virtual property that holds a record's human title (and searches by it). */
export const TITLE_PATH = "recordTitle";

/** What one backoffice screen adds to the generic resource over its model (see admin/presentation). */
export interface ScreenHooks {
  /** Field values every row of this screen has (e.g. only welcome advantages); new and edited rows keep them. */
  fixed?: Record<string, string>;
  /**
   * The Prisma condition of a filter that is not one field (the title search, a passholder's card number, an
   * event open for check-in now); rows it looks at through relations are read within `readScopeOf` of their model.
   */
  filterWhere(path: string, value: unknown, readScopeOf: (model: string) => Where | null): Promise<Where | undefined>;
  /**
   * Gives each record its human title (at TITLE_PATH); the rows a title names are read within `readScopeOf` of
   * their model, through the request's `reads`.
   */
  addTitles(records: RecordValues[], readScopeOf: (model: string) => Where | null, reads: RowReads): Promise<void>;
}
