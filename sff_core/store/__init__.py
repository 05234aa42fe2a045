"""The store: engine, typed models, the unit of work, the audit log, optimistic concurrency and
the lossless backup."""
