// `npm start`: validate the environment, start the bot, stop cleanly on SIGINT/SIGTERM.
import fs from "node:fs";
import { ConfigError, loadConfig } from "./config.ts";
import { startBot } from "./app.ts";

if (fs.existsSync(".env")) process.loadEnvFile(".env");

let config;
try {
  config = loadConfig();
} catch (e) {
  if (e instanceof ConfigError) {
    console.error(e.message);
    console.error("See .env.example and docs/operations.md for every variable.");
    process.exit(2);
  }
  throw e;
}

const bot = await startBot(config);
const where = `http://${config.host === "0.0.0.0" ? "localhost" : config.host}:${bot.port}`;
if (config.playgroundEnabled) console.log(`unionhall playground: ${where}  (health: ${where}/healthz)`);
else console.log(`unionhall is running on ${where}`);

let stopping = false;
for (const sig of ["SIGINT", "SIGTERM"] as const) {
  process.on(sig, () => {
    if (stopping) return;
    stopping = true;
    bot.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
