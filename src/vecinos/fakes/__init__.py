"""Local servers that speak each provider's protocol (request shapes, auth, signatures,
429 with Retry-After, 5xx), so tests and `vecinos demo` drive the real channel code.

They ship in the package, not under tests/, because the demo runs them too.
"""
