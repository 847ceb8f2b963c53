"""Settings: ``base`` declares everything; environments only override."""
