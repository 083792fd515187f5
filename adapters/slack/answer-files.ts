// Files of an answer go into the same conversation as the message that mentions them. A private
// answer cannot carry files on Slack (an ephemeral message has none), so an answer with files
// asked for in a channel goes to the person's direct messages whole, the files right under it,
// and the channel only shows them where it went. An upload Slack refuses is tried again; what
// still could not be attached is named to the person.
import type { webApi } from "@slack/bolt";
import { PermanentDeliveryError, RateLimitedError } from "../../commands/core/host.ts";
import type { FileAttachment } from "../../commands/core/reply.ts";
import { uploadFiles } from "./poster.ts";

type WebClient = webApi.WebClient;

/** Waits before the second and third try of one upload. */
const RETRY_WAITS_MS = [400, 1500];
/** A rate limit longer than this is not waited out inside one answer. */
const LONGEST_WAIT_MS = 5000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Uploads each file into `channel`, trying a failed one again unless Slack's
 * answer cannot change (no access, a missing scope). Returns the names of files not attached.
 */
export async function uploadEach(client: WebClient, channel: string, files: readonly FileAttachment[], waits: readonly number[] = RETRY_WAITS_MS): Promise<string[]> {
  const missing: string[] = [];
  for (const f of files) {
    for (let attempt = 0; ; attempt++) {
      try {
        await uploadFiles(client, channel, [f]);
        break;
      } catch (e) {
        const wait = e instanceof RateLimitedError ? e.retryAfterMs : waits[attempt];
        if (e instanceof PermanentDeliveryError || attempt >= waits.length || wait === undefined || wait > LONGEST_WAIT_MS) {
          missing.push(f.name);
          break;
        }
        await sleep(wait);
      }
    }
  }
  return missing;
}

/** The file names as the person reads them in a sentence. */
export const fileNames = (files: readonly { name: string }[]): string => files.map((f) => f.name).join(", ");
