-- Hand-written (PostgreSQL only; SQLite has its FTS5 tables): the knowledge base's full-text
-- search, built to answer exactly as SQLite's does (db/kb-search-postgres.ts).
--
-- One row per document (id = KbDocument.id), written in the same transaction as the document.
-- The four text columns hold what SQLite's "KbSearch" holds (title, body and the extra tokens the
-- text rules add: hand-folded letters, tags, Chinese as two-character tokens), already cut into
-- words the way SQLite's unicode61 tokenizer cuts them and joined by spaces, so PostgreSQL's parser
-- only has to read space-separated words. Accents are folded by `unaccent`, case by `simple`.
-- Each column is weighted (title A, title extras C, body B, body extras D): a phrase must stand
-- within one column, as in SQLite, and the ranking weighs the columns as SQLite's bm25 does.
CREATE EXTENSION IF NOT EXISTS "unaccent";

CREATE TEXT SEARCH CONFIGURATION "unionhall_kb" (COPY = pg_catalog.simple);
ALTER TEXT SEARCH CONFIGURATION "unionhall_kb"
  ALTER MAPPING FOR asciiword, word, numword, asciihword, hword, numhword, hword_asciipart, hword_part, hword_numpart
  WITH "unaccent", simple;

-- One query word as the index holds it (the configuration's unaccent, then simple's lower case).
CREATE FUNCTION "kb_lexeme"(token text) RETURNS text LANGUAGE sql STABLE STRICT PARALLEL SAFE
  AS $$ SELECT lower("unaccent"('"unaccent"'::regdictionary, token)) $$;

CREATE TABLE "KbSearch" (
    "id" INTEGER NOT NULL PRIMARY KEY REFERENCES "KbDocument" ("id") ON DELETE CASCADE,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "titleExtra" TEXT NOT NULL,
    "bodyExtra" TEXT NOT NULL,
    -- Words in all four columns: bm25's document length.
    "size" INTEGER NOT NULL,
    "vector" tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('unionhall_kb', "title"), 'A') || setweight(to_tsvector('unionhall_kb', "titleExtra"), 'C')
     || setweight(to_tsvector('unionhall_kb', "body"), 'B') || setweight(to_tsvector('unionhall_kb', "bodyExtra"), 'D')
    ) STORED
);
CREATE INDEX "KbSearch_vector_idx" ON "KbSearch" USING gin ("vector");

-- How many documents hold each word (SQLite's fts5vocab "row" table): a query whose rarest word is
-- in more than 1,000 documents is answered by the cheaper "broad" plan. Byte order ("C"), so a
-- prefix is a range, as in SQLite.
CREATE TABLE "KbSearchVocab" (
    "term" TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    "doc" INTEGER NOT NULL
);

-- bm25's corpus figures: rows and words in all of them.
CREATE TABLE "KbSearchTotals" (
    "one" BOOLEAN NOT NULL PRIMARY KEY DEFAULT TRUE CHECK ("one"),
    "rows" INTEGER NOT NULL,
    "tokens" BIGINT NOT NULL
);
INSERT INTO "KbSearchTotals" ("one", "rows", "tokens") VALUES (TRUE, 0, 0);

-- Kept by the database in the statement that writes the row, so counts and rows never disagree.
-- Words in sorted order: two documents written at once lock the same counters in the same order.
CREATE FUNCTION "KbSearch_count"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE "KbSearchVocab" v SET "doc" = v."doc" - 1 FROM unnest(tsvector_to_array(OLD."vector")) AS t(term) WHERE v."term" = t.term;
    DELETE FROM "KbSearchVocab" v USING unnest(tsvector_to_array(OLD."vector")) AS t(term) WHERE v."term" = t.term AND v."doc" <= 0;
    UPDATE "KbSearchTotals" SET "rows" = "rows" - 1, "tokens" = "tokens" - OLD."size";
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO "KbSearchVocab" ("term", "doc")
      SELECT t.term, 1 FROM unnest(tsvector_to_array(NEW."vector")) AS t(term) ORDER BY t.term COLLATE "C"
      ON CONFLICT ("term") DO UPDATE SET "doc" = "KbSearchVocab"."doc" + 1;
    UPDATE "KbSearchTotals" SET "rows" = "rows" + 1, "tokens" = "tokens" + NEW."size";
  END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER "KbSearch_counts" AFTER INSERT OR UPDATE OR DELETE ON "KbSearch"
  FOR EACH ROW EXECUTE FUNCTION "KbSearch_count"();

-- bm25's term frequency: how often a phrase (its words as the index holds them, the last one a
-- prefix when `prefix`) stands in one document, each hit weighted by its column as SQLite's
-- bm25("KbSearch", 10, 1, 10, 1) weighs it: title and title extras 10, body and body extras 1.
CREATE FUNCTION "kb_phrase_weight"(v tsvector, words text[], prefix boolean) RETURNS double precision
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  WITH hit AS MATERIALIZED (
    SELECT w.k, p.pos, p.weight
      FROM unnest(words) WITH ORDINALITY AS w(word, k)
      JOIN unnest(v) AS e(lexeme, positions, weights)
        ON e.lexeme = w.word OR (prefix AND w.k = cardinality(words) AND starts_with(e.lexeme, w.word))
      CROSS JOIN LATERAL unnest(e.positions, e.weights) AS p(pos, weight)
  )
  SELECT COALESCE(sum(CASE f.weight WHEN 'A' THEN 10 WHEN 'C' THEN 10 ELSE 1 END), 0)::double precision
    FROM hit f
   WHERE f.k = 1
     AND (SELECT count(*) FROM hit n WHERE n.k > 1 AND n.pos = f.pos + n.k - 1 AND n.weight = f.weight) = cardinality(words) - 1
$$;
