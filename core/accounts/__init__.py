"""User accounts and logins."""
