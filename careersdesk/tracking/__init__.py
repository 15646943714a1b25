"""Gatsby Benchmark and provider-access tracking: rules as versioned data, and their engine."""
