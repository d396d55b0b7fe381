from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from vecinos.networks import twofactor
from vecinos.networks.services import is_dispatcher


class CodeForm(forms.Form):
    code = forms.RegexField(
        label=_("The 6-digit code from your authenticator app"),
        regex=r"^\s*\d{3}\s?\d{3}\s*$",
        max_length=8,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )


@login_required
def two_factor(request: HttpRequest) -> HttpResponse:
    """The second step of a staff login; on the first one, setting up the authenticator."""
    if not is_dispatcher(request.user):
        raise PermissionDenied
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}):
        next_url = ""
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if twofactor.verify(request, form.cleaned_data["code"]):
            return redirect(next_url or "console:queue")
        form.add_error("code", _("That code is not right. Codes change every 30 seconds."))
    device = twofactor.device_for(request.user)
    context = {"form": form, "device": device}
    if not device.confirmed:
        context |= {"secret": twofactor.secret(device), "qr": twofactor.qr_svg(device)}
    return render(request, "console/two_factor.html", context, status=400 if form.errors else 200)
