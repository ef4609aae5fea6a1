-- A printed card carries, under its QR code, a short check code that staff
-- can type instead of scanning: six characters of an alphabet with no
-- look-alikes (CheckAlphabet), unique among the card's unused tokens.
-- Tokens printed before have none.
ALTER TABLE card_tokens ADD COLUMN check_code TEXT;
CREATE UNIQUE INDEX card_tokens_by_check ON card_tokens (card_id, check_code) WHERE used = 0 AND check_code IS NOT NULL;
