"""Training, export and PyTorch reference tooling for the Neurorack NSF impact models."""
