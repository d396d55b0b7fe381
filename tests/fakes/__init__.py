"""Local servers that speak each provider's protocol, so tests drive the real channel code."""
