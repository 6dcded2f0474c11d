-- A procedure's payment rule (issue 17): when fees are asked for, the clock while the dossier
-- waits for payment, and whether the submission date is counted from the payment. Null = the
-- defaults (none / pause / false); the contract's PaymentRule reads it.
ALTER TABLE "cat_local_config" ADD COLUMN IF NOT EXISTS "payment" jsonb;
