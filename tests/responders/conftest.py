"""The fake SMS provider, for the stories where responders are texted."""

from tests.messaging.conftest import fresh_channels, twilio  # noqa: F401 (fixtures)
