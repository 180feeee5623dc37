-- The Jidoteki error code an agent gave with a failed task (E1000: the package's own check failed).
ALTER TABLE node_task ADD COLUMN error_code TEXT CHECK (error_code IS NULL OR error_code ~ '^E[0-9]{4}$');
