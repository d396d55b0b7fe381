from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.models import User
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from vecinos.networks import twofactor
from vecinos.networks.models import Role
from vecinos.networks.services import has_role, is_dispatcher, is_staff_member

View = Callable[..., HttpResponse]


def _require(check: Callable[[User], bool]) -> Callable[[View], View]:
    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not check(request.user):
                raise PermissionDenied
            if twofactor.needs_second_factor(request.user):
                return redirect_to_login(request.get_full_path(), "console:two-factor")
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


dispatcher_required = _require(is_dispatcher)
# Pages that only show: organizers too.
staff_required = _require(is_staff_member)
coordinator_required = _require(lambda user: has_role(user, Role.COORDINATOR))
