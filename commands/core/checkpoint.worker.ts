// The database's idle checkpoint runs here, on a worker thread, so that the copy of the WAL and its
// sync (tens to hundreds of milliseconds) never hold the event loop (db/checkpoint.ts).
import { checkpointFile } from "../../db/checkpoint.ts";

export async function checkpoint(file: string): Promise<{ log: number; checkpointed: number }> {
  return checkpointFile(file);
}
