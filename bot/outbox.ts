// Sending a message that is not an answer to an interaction (reminders, digests, notices,
// scheduled reports). Each platform adapter provides one Poster; the interface lives in the core
// (commands/core/host.ts) so adapters never import the process.
export { PermanentDeliveryError, RateLimitedError, type ChatPlatform as Platform, type Poster, type Target } from "../commands/core/host.ts";
