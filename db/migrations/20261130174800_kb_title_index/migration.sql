-- Hand-written: the titles (and tags) alone in a second full-text index, kept in the same
-- transaction as "KbSearch" by db/kb.ts. A broad query lists title matches first; with a column
-- filter on "KbSearch" that would walk every document holding the word, here only the titles.
CREATE VIRTUAL TABLE "KbTitleSearch" USING fts5(
    title,
    titleExtra,
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO "KbTitleSearch" (rowid, title, titleExtra) SELECT rowid, title, titleExtra FROM "KbSearch";
