-- Hand-written: how many documents hold each indexed token (FTS5's own vocabulary view of
-- "KbSearch", nothing stored twice). Search reads it to tell a broad query (a word in more than a
-- thousand documents) from a narrow one before choosing how to rank.
CREATE VIRTUAL TABLE "KbSearchVocab" USING fts5vocab("KbSearch", 'row');
