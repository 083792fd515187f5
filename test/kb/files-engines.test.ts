// A knowledge-base file is kept once by its content hash and read back byte for byte on either
// engine: beside the SQLite database as a private file, in the database on PostgreSQL (where every
// bot process, on any machine, reads the same bytes).
import fs from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { data } from "../../db/data.ts";
import { fileHash, readFile, saveFile } from "../../db/kb-files.ts";
import { describeOnBothEngines } from "../helpers/both-engines.ts";

const PDF = Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(300_000, 7), Buffer.from([0, 255, 128])]);

describeOnBothEngines("knowledge-base files", ({ engine, skip, store }) => {
  it.skipIf(skip)("saved once by hash, read back byte for byte; an unknown hash reads as nothing", async () => {
    const s = store();
    const hash = await saveFile(s, PDF);
    expect(hash).toBe(fileHash(PDF));
    expect(await saveFile(s, PDF)).toBe(hash); // a second save of the same bytes is no error
    expect(await readFile(s, hash)).toEqual(PDF);
    expect(await readFile(s, fileHash(Buffer.from("never stored")))).toBeNull();
    expect(await readFile(s, "../../etc/passwd")).toBeNull(); // never a path

    const rows = await data(s).one<{ n: number }>(`SELECT COUNT(*) AS "n" FROM "StoredFile"`);
    if (engine === "postgres") {
      expect(rows?.n).toBe(1);
    } else {
      expect(rows?.n).toBe(0);
      const onDisk = path.join(path.dirname(s.file), "kb-files", hash.slice(0, 2), hash);
      expect(fs.statSync(onDisk).mode & 0o777).toBe(0o600);
    }
  });
});
