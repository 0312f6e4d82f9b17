"""The registration services: one module per subject (registration, invitations, mailings,
privacy, reports); callers import from the module that owns what they use."""
