-- A key's prefix helps tell generated keys apart; for a secret a person chose (the bootstrap key from
-- SCALEPLAN_BOOTSTRAP_KEY, the only key stored under the name 'bootstrap') it would disclose part of
-- that secret, so such keys have none.
ALTER TABLE api_key ALTER COLUMN prefix DROP NOT NULL;
UPDATE api_key SET prefix = NULL WHERE name = 'bootstrap';
