"""Who a request comes from, as the type checker should see it."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.http import HttpRequest


class SignedInRequest(HttpRequest):
    """What a view behind a login or role decorator, or behind the API's DispatcherToken,
    receives: someone has signed in, so its user is never the anonymous one."""

    user: User
