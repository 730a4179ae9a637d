"""E-mail: messages in the brand's name, an outbox written in the caller's transaction, and
the relay that sends it over SMTP (or to the log in development)."""
