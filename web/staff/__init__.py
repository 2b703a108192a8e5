"""The contact-centre console: staff accounts, guided calls, call-back requests."""
