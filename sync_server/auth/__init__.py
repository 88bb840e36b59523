"""Users, devices, passwords (argon2id), tokens and login throttling."""
