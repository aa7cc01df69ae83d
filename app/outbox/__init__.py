"""The outbox: notifications written with the change that causes them, sent by a worker."""
